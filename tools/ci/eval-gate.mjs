#!/usr/bin/env node
// The CI evaluation gate: replay each affected environment's `eval` target from its committed cassette, compare
// the run with the baseline committed for main, write the Markdown report (to $GITHUB_STEP_SUMMARY when set) and
// fail on a regression. The same script runs locally; `record` (re)makes the cassettes and baselines.
// Plain Node (no build, no TypeScript) so any CI can call it: see docs/ci.md.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'apps/cli/bin/crucible.js');
const USAGE = `usage: node tools/ci/eval-gate.mjs check|record [options]

  check    replay the eval target of affected environments from their cassettes (CRUCIBLE_EVAL_CACHE=replay)
           and compare each run with the baseline
  record   record each environment's cassette against the model (CRUCIBLE_MODEL, OPENAI_BASE_URL, OPENAI_API_KEY;
           default sim: the eval target, a real model: eval-live, with CRUCIBLE_EVAL_CACHE=read-write), replay it
           through the eval target and keep that run as the new baseline

options:
  --envs a,b         environments to gate (default: check = affected by the change, record = every environment)
  --base REF         base of the change for nx affected (default: $NX_BASE, else origin/main)
  --baselines DIR    where baselines live (default: baselines): DIR/<env>/{run,gate.json}; the cassette is
                     always where the eval target reads it (cassettes/<env>, Nx plugin option "cassettes")
  --out DIR          where check writes the new runs and reports (default: runs/gate)
  --summary FILE     also append the Markdown report here (default: $GITHUB_STEP_SUMMARY)

exit codes: 0 no regression, 1 a regression, a floor not met or an eval that failed, 2 bad input`;

/** Exit codes, as the crucible CLI uses them. */
const EXIT = { ok: 0, failure: 1, usage: 2 };

function fail(message) {
  process.stderr.write(`eval-gate: ${message}\n`);
  process.exit(EXIT.usage);
}

/** An option of the Crucible Nx plugin (tools/nx-plugin) as nx.json sets it. */
function pluginOption(name) {
  const nxJson = JSON.parse(readFileSync(join(ROOT, 'nx.json'), 'utf8'));
  const entry = (nxJson.plugins ?? []).find((p) => typeof p === 'object' && /(^|\/)tools\/nx-plugin(\/|$)/.test(p.plugin));
  return entry?.options?.[name];
}

/** The eval target the plugin infers (option `targetName`); `<it>-live` is the never-cached one. */
const EVAL_TARGET = pluginOption('targetName') ?? 'eval';
/** Where the plugin keeps cassettes, one folder per environment (option `cassettes`), workspace-relative. */
const CASSETTES = pluginOption('cassettes') ?? 'cassettes';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      envs: { type: 'string' },
      base: { type: 'string' },
      baselines: { type: 'string' },
      out: { type: 'string' },
      summary: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
} catch (err) {
  fail(`${err.message}\n${USAGE}`);
}
const { values: flags, positionals } = parsed;
if (flags.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(EXIT.ok);
}
const mode = positionals[0];
if (mode !== 'check' && mode !== 'record') fail(`say check or record\n${USAGE}`);

const nxEnv = { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false', NX_NO_CLOUD: process.env.NX_NO_CLOUD ?? 'true' };
// CI passes unset repository variables as empty strings; an empty base URL is not "no base URL".
for (const key of ['CRUCIBLE_MODEL', 'OPENAI_BASE_URL', 'OPENAI_API_KEY']) if (nxEnv[key] === '') delete nxEnv[key];
// Replay never calls the endpoint, so a real model's cassette replays without its key (and no secret is needed in CI).
if (mode === 'check' && !nxEnv.OPENAI_API_KEY) nxEnv.OPENAI_API_KEY = 'unused-in-replay';
// Paths given on the command line are relative to where it is typed; the defaults live in the workspace, so the
// Nx target (which runs in tools/ci) and a run from the root find the same files.
const baselines = flags.baselines ? resolve(flags.baselines) : join(ROOT, 'baselines');
const out = flags.out ? resolve(flags.out) : join(ROOT, 'runs/gate');

/** A path as people read it: relative to the workspace when inside it. */
function show(path) {
  const rel = relative(ROOT, path);
  return rel.startsWith('..') ? path : rel;
}

/** Runs a command in the workspace root, its output shown as it comes; returns the exit code. */
function run(cmd, args, vars = {}) {
  const shown = Object.entries(vars).map(([k, v]) => `${k}=${v} `).join('');
  process.stdout.write(`$ ${shown}${[cmd, ...args].join(' ')}\n`);
  const res = spawnSync(cmd, args, { cwd: ROOT, env: { ...nxEnv, ...vars }, stdio: 'inherit' });
  if (res.error) fail(`cannot start ${cmd}: ${res.error.message}`);
  return res.status ?? EXIT.failure;
}

/**
 * Environment packages of the workspace by environment name, with their Nx project names. The name rule is the
 * one the Nx plugin (tools/nx-plugin) uses for the eval target's run id: `crucible.name`, else the package name
 * without its scope and `env-` prefix.
 */
function environmentPackages() {
  const workspaces = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces ?? [];
  const found = new Map();
  for (const pattern of workspaces) {
    const parent = pattern.endsWith('/*') ? pattern.slice(0, -2) : null;
    const dirs = parent ? (existsSync(join(ROOT, parent)) ? readdirSync(join(ROOT, parent)).map((d) => join(parent, d)) : []) : [pattern];
    for (const dir of dirs) {
      const file = join(ROOT, dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (!manifest.crucible?.environment) continue;
      const env = manifest.crucible.name ?? String(manifest.name).replace(/^@[^/]+\//, '').replace(/^env-/, '');
      found.set(env, { env, project: manifest.name, root: dir });
    }
  }
  return found;
}

/**
 * The environments a change can move: those nx counts as affected, all of them when the CLI is affected (the
 * agent, model client, orchestrator and scoring are the CLI's dependencies, not the environment packages', so nx
 * does not mark an environment's eval affected by them), and those whose committed baseline changed.
 */
function baseRef() {
  return flags.base ?? process.env.NX_BASE ?? 'origin/main';
}

function affectedEnvs(packages) {
  const base = baseRef();
  const res = spawnSync('npx', ['nx', 'show', 'projects', '--affected', `--base=${base}`, '--json'], { cwd: ROOT, env: nxEnv, encoding: 'utf8' });
  if (res.status !== 0) fail(`nx show projects --affected failed (is ${base} a commit here? pass --base REF or --envs a,b):\n${res.stderr}`);
  const projects = new Set(JSON.parse(res.stdout));
  const cli = JSON.parse(readFileSync(join(ROOT, 'apps/cli/package.json'), 'utf8')).name;
  const diff = spawnSync('git', ['diff', '--name-only', `${base}...HEAD`, '--', show(baselines), CASSETTES], { cwd: ROOT, encoding: 'utf8' });
  const changed = new Set(
    (diff.stdout ?? '')
      .split('\n')
      .filter(Boolean)
      .map((f) => relative(f.startsWith(`${CASSETTES}/`) ? join(ROOT, CASSETTES) : baselines, join(ROOT, f)).split('/')[0]),
  );
  return [...packages.values()].filter((p) => projects.has(cli) || projects.has(p.project) || changed.has(p.env));
}

function selected(packages) {
  if (flags.envs === undefined) return mode === 'record' ? [...packages.values()] : affectedEnvs(packages);
  return flags.envs
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => packages.get(name) ?? fail(`no environment package "${name}" in this workspace (known: ${[...packages.keys()].join(', ')})`));
}

/** Optional per-environment settings: thresholds of the gate and extra flags for the eval target. */
function gateConfig(env) {
  const file = join(baselines, env, 'gate.json');
  if (!existsSync(file)) return { evalArgs: [], compareArgs: [] };
  let config;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`${show(file)}: not valid JSON (${err.message})`);
  }
  const known = new Set(['maxDrop', 'alpha', 'failUnder', 'evalArgs']);
  const unknown = Object.keys(config).find((k) => !known.has(k));
  if (unknown) fail(`${show(file)}: unknown field "${unknown}" (fields: ${[...known].join(', ')})`);
  const compareArgs = [];
  if (config.maxDrop !== undefined) compareArgs.push('--max-drop', String(config.maxDrop));
  if (config.alpha !== undefined) compareArgs.push('--alpha', String(config.alpha));
  for (const floor of config.failUnder ?? []) compareArgs.push('--fail-under', floor);
  return { evalArgs: (config.evalArgs ?? []).map(String), compareArgs };
}

/**
 * Where an environment's `eval` target reads its cassette and writes its run (workspace-relative), as the Nx
 * plugin configured it: the target's `--cassette` and its cached `outputs`. Asking Nx keeps the gate right when
 * the plugin's options (nx.json) or conventions change.
 */
function evalTargetPaths(pkg) {
  const res = spawnSync('npx', ['nx', 'show', 'project', pkg.project, '--json'], { cwd: ROOT, env: nxEnv, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (res.status !== 0) fail(`nx show project ${pkg.project} failed:\n${res.stderr}`);
  const targets = JSON.parse(res.stdout).targets ?? {};
  const target = targets[EVAL_TARGET];
  if (!target || !targets[`${EVAL_TARGET}-live`]) {
    fail(`${pkg.project} has no ${EVAL_TARGET} / ${EVAL_TARGET}-live target: is tools/nx-plugin in nx.json's plugins, and its package.json "crucible": {"environment": true}?`);
  }
  const cassette = / --cassette (\S+)/.exec(target.options?.command ?? '')?.[1];
  const output = (target.outputs ?? [])[0]?.replace('{workspaceRoot}/', '');
  if (!cassette || !output) fail(`${pkg.project}:${EVAL_TARGET} names no --cassette or no outputs (is it the tools/nx-plugin target?)`);
  return { cassette: join(ROOT, cassette), runDir: join(ROOT, output) };
}

/**
 * Runs an environment's inferred eval target (`eval`, or `eval-live` for a real model) with the response cache
 * in `cache` mode (CRUCIBLE_EVAL_CACHE) and extra `crucible run` flags after `--`. The gate always evaluates:
 * `--skip-nx-cache`, so a restored Nx cache never stands in for this checkout's result.
 */
function evalTarget(pkg, target, cache, args) {
  return run('npx', ['nx', 'run', `${pkg.project}:${target}`, '--skip-nx-cache', '--outputStyle=stream', '--', ...args], { CRUCIBLE_EVAL_CACHE: cache });
}

/** `crucible run` flags the gate adds to every eval: a baseline is scores, not transcripts. */
const GATE_EVAL_ARGS = ['--no-trajectories'];

function record(pkgs) {
  const model = nxEnv.CRUCIBLE_MODEL ?? 'sim';
  // The cached eval target refuses a real model unless it replays: a real model is recorded by eval-live.
  const recorder = model === 'sim' ? EVAL_TARGET : `${EVAL_TARGET}-live`;
  for (const pkg of pkgs) {
    const dir = join(baselines, pkg.env);
    const { evalArgs } = gateConfig(pkg.env);
    const { cassette, runDir } = evalTargetPaths(pkg);
    const args = [...GATE_EVAL_ARGS, ...evalArgs];
    rmSync(join(dir, 'run'), { recursive: true, force: true });
    rmSync(cassette, { recursive: true, force: true });
    const failed = (code, what) => {
      process.stderr.write(`eval-gate: ${what} ${pkg.env} failed (exit ${code}); nothing is a baseline until it records and replays cleanly\n`);
      return code;
    };
    const recorded = evalTarget(pkg, recorder, 'read-write', args);
    if (recorded !== 0) return failed(recorded, `recording (${recorder}, CRUCIBLE_EVAL_CACHE=read-write)`);
    // The baseline is the replay check will reproduce; a cassette that does not replay is found now, not in CI.
    rmSync(runDir, { recursive: true, force: true });
    const replayed = evalTarget(pkg, EVAL_TARGET, 'replay', args);
    if (replayed !== 0) return failed(replayed, `replaying the new cassette of`);
    mkdirSync(dir, { recursive: true });
    cpSync(runDir, join(dir, 'run'), { recursive: true });
    // The recorded command holds this checkout's absolute paths; a committed baseline should not.
    const runJson = join(dir, 'run', 'run.json');
    writeFileSync(runJson, readFileSync(runJson, 'utf8').replaceAll(`${ROOT}/`, ''));
    process.stdout.write(`recorded ${pkg.env} on ${model}: baseline ${show(join(dir, 'run'))}, cassette ${show(cassette)}\n`);
  }
  return EXIT.ok;
}

/**
 * The baseline as stored on the base commit (main), extracted into `dir`, so a change that re-records its own
 * baseline is still compared with main's. Undefined when the base has none (a new environment) or when the
 * baselines live outside the repository (local runs with --baselines elsewhere).
 */
function mainBaseline(env, dir) {
  if (flags.envs !== undefined && flags.base === undefined) return undefined;
  const rel = relative(ROOT, join(baselines, env, 'run'));
  if (rel.startsWith('..')) return undefined;
  const files = {};
  for (const name of ['run.json', 'episodes.jsonl']) {
    const res = spawnSync('git', ['show', `${baseRef()}:${rel}/${name}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (res.status !== 0) return undefined;
    files[name] = res.stdout;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function check(pkgs) {
  mkdirSync(out, { recursive: true });
  const sections = ['# Crucible evaluation gate', ''];
  let worst = EXIT.ok;
  if (pkgs.length === 0) sections.push('No environment package is affected by this change: nothing to evaluate.', '');
  for (const pkg of pkgs) {
    const committed = join(baselines, pkg.env, 'run');
    if (!existsSync(join(committed, 'run.json'))) {
      sections.push(`- **${pkg.env}**: not gated, no baseline in \`${show(committed)}\`. Record one: \`node tools/ci/eval-gate.mjs record --envs ${pkg.env}\` (docs/ci.md).`, '');
      continue;
    }
    const { evalArgs, compareArgs } = gateConfig(pkg.env);
    const fromMain = mainBaseline(pkg.env, join(out, `${pkg.env}-main-baseline`));
    const baseline = fromMain ?? committed;
    if (!fromMain && flags.envs === undefined) sections.push(`> ${pkg.env}: the base commit has no baseline for it; comparing with the one in this change.`, '');
    const { runDir } = evalTargetPaths(pkg);
    const fresh = join(out, pkg.env);
    // A run left by an earlier eval must not pass for this one's if the target fails before it writes.
    rmSync(runDir, { recursive: true, force: true });
    rmSync(fresh, { recursive: true, force: true });
    const evalCode = evalTarget(pkg, EVAL_TARGET, 'replay', [...GATE_EVAL_ARGS, ...evalArgs]);
    // Kept with the reports (the CI artifact); the next eval of this environment replaces the target's own.
    if (existsSync(runDir)) cpSync(runDir, fresh, { recursive: true });
    if (evalCode !== 0) {
      worst = Math.max(worst, EXIT.failure);
      const ran = existsSync(join(fresh, 'run.json'));
      sections.push(
        ran
          ? `- **${pkg.env}**: **FAIL**: the eval target exited ${evalCode} in replay mode. A cassette miss means the prompts, tools or settings changed: re-record the cassette and baseline (docs/ci.md) and review the new baseline in this PR.`
          : `- **${pkg.env}**: **FAIL**: the eval target exited ${evalCode} in replay mode before it wrote a run: see the job log (the eval target refuses some flags, for example in \`${show(join(baselines, pkg.env, 'gate.json'))}\`'s evalArgs: docs/ci.md).`,
        '',
      );
      if (!ran) continue;
    }
    const md = join(out, `${pkg.env}.md`);
    const code = run('node', [CLI, 'compare', baseline, fresh, '--markdown', md, '--json', join(out, `${pkg.env}.json`), ...compareArgs]);
    worst = Math.max(worst, code);
    if (existsSync(md)) sections.push(readFileSync(md, 'utf8'));
    else sections.push(`- **${pkg.env}**: \`crucible compare\` exited ${code} without a report (see the job log).`, '');
  }
  const verdict = worst === EXIT.ok ? 'PASS' : 'FAIL';
  sections.push(`**Gate: ${verdict}** (exit ${worst})`, '');
  const markdown = sections.join('\n');
  writeFileSync(join(out, 'summary.md'), markdown);
  const summary = flags.summary ?? process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, markdown);
  process.stdout.write(`eval-gate: ${verdict} (exit ${worst}); report in ${show(join(out, 'summary.md'))}${summary ? ` and ${summary}` : ''}\n`);
  return worst;
}

const packages = environmentPackages();
const pkgs = selected(packages);
process.exit(mode === 'record' ? record(pkgs) : check(pkgs));
