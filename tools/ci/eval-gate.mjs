#!/usr/bin/env node
// The CI evaluation gate: replay each affected environment's `eval` target from its committed cassette, compare
// the run with the baseline committed for main, write the Markdown report (to $GITHUB_STEP_SUMMARY when set) and
// fail on a regression. The same script runs locally; `record` (re)makes the cassettes and baselines.
// Plain Node (no build, no TypeScript) so any CI can call it: see docs/ci.md.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'apps/cli/bin/crucible.js');
const USAGE = `usage: node tools/ci/eval-gate.mjs check|record [options]

  check    replay the eval target of affected environments from their cassettes and compare with the baselines
  record   run the eval target against the model (CRUCIBLE_MODEL, OPENAI_BASE_URL, OPENAI_API_KEY; default sim)
           and store its cassette and run as the new baseline

options:
  --envs a,b         environments to gate (default: check = affected by the change, record = every environment)
  --base REF         base of the change for nx affected (default: $NX_BASE, else origin/main)
  --baselines DIR    where baselines live (default: baselines): DIR/<env>/{run,cassette,gate.json}
  --out DIR          where check writes the new runs and reports (default: runs/gate)
  --summary FILE     also append the Markdown report here (default: $GITHUB_STEP_SUMMARY)

exit codes: 0 no regression, 1 a regression, a floor not met or an eval that failed, 2 bad input`;

/** Exit codes, as the crucible CLI uses them. */
const EXIT = { ok: 0, failure: 1, usage: 2 };

function fail(message) {
  process.stderr.write(`eval-gate: ${message}\n`);
  process.exit(EXIT.usage);
}

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
function run(cmd, args) {
  process.stdout.write(`$ ${[cmd, ...args].join(' ')}\n`);
  const res = spawnSync(cmd, args, { cwd: ROOT, env: nxEnv, stdio: 'inherit' });
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
  const diff = spawnSync('git', ['diff', '--name-only', `${base}...HEAD`, '--', show(baselines)], { cwd: ROOT, encoding: 'utf8' });
  const changed = new Set((diff.stdout ?? '').split('\n').map((f) => relative(baselines, join(ROOT, f)).split('/')[0]));
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

/** Runs an environment's inferred `eval` target with extra CLI flags appended (Nx forwards args after `--`). */
function evalTarget(pkg, args) {
  return run('npx', ['nx', 'run', `${pkg.project}:eval`, '--skip-nx-cache', '--outputStyle=stream', '--', ...args]);
}

function record(pkgs) {
  for (const pkg of pkgs) {
    const dir = join(baselines, pkg.env);
    const { evalArgs } = gateConfig(pkg.env);
    rmSync(join(dir, 'run'), { recursive: true, force: true });
    rmSync(join(dir, 'cassette'), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const code = evalTarget(pkg, ['--cache', 'read-write', '--cache-dir', join(dir, 'cassette'), '--out', dir, '--run-id', 'run', '--no-trajectories', ...evalArgs]);
    if (code !== 0) {
      process.stderr.write(`eval-gate: recording ${pkg.env} failed (exit ${code}); nothing is a baseline until it records cleanly\n`);
      return code;
    }
    // The recorded command holds this checkout's absolute paths; a committed baseline should not.
    const runJson = join(dir, 'run', 'run.json');
    writeFileSync(runJson, readFileSync(runJson, 'utf8').replaceAll(`${ROOT}/`, ''));
    process.stdout.write(`recorded ${pkg.env}: baseline ${show(join(dir, 'run'))}, cassette ${show(join(dir, 'cassette'))}\n`);
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
    rmSync(join(out, pkg.env), { recursive: true, force: true });
    const evalCode = evalTarget(pkg, ['--cache', 'replay', '--cache-dir', join(baselines, pkg.env, 'cassette'), '--out', out, '--run-id', pkg.env, '--no-trajectories', ...evalArgs]);
    if (evalCode !== 0) {
      worst = Math.max(worst, EXIT.failure);
      sections.push(
        `- **${pkg.env}**: **FAIL**: the eval target exited ${evalCode} in replay mode. A cassette miss means the prompts, tools or settings changed: re-record the cassette and baseline (docs/ci.md) and review the new baseline in this PR.`,
        '',
      );
      if (!existsSync(join(out, pkg.env, 'run.json'))) continue;
    }
    const md = join(out, `${pkg.env}.md`);
    const code = run('node', [CLI, 'compare', baseline, join(out, pkg.env), '--markdown', md, '--json', join(out, `${pkg.env}.json`), ...compareArgs]);
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
