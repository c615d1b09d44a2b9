import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/**
 * `cached`: the `eval` target, replayed by Nx when its inputs are unchanged, so it only runs what its inputs fully
 * describe (the sim, or a cassette replay). `live`: the never-cached `eval-live` target, for real endpoints.
 */
export type EvalMode = 'cached' | 'live';

/** The parent of every run directory the targets write, relative to the workspace root. */
export const EVAL_RUNS_DIR = 'runs/nx';

/** The run directory of one target, relative to the workspace root (the cached `outputs` of `eval`). */
export function evalRunDir(envName: string, mode: EvalMode): string {
  return `${EVAL_RUNS_DIR}/${evalRunId(envName, mode)}`;
}

function evalRunId(envName: string, mode: EvalMode): string {
  return mode === 'cached' ? `${envName}-eval` : `${envName}-eval-live`;
}

/** A request to run one eval target, as the wrapper receives it. */
export interface EvalRequest {
  mode: EvalMode;
  /** The environment's name for `crucible run --env`. */
  envName: string;
  /** The Nx project, for messages. */
  project: string;
  /** A dataset named in nx.json (plugin option `datasets`), relative to the workspace root; it is an input. */
  dataset?: string;
  /** The response-cache directory (cassette) of this environment, relative to the workspace root; it is an input. */
  cassette: string;
  /** `crucible run` flags: the plugin's defaults, then whatever the user passed to `nx run`. */
  flags: string[];
  /** The environment variables the target reads (CRUCIBLE_MODEL, CRUCIBLE_EVAL_CACHE). */
  vars: Record<string, string | undefined>;
  /** The workspace root. */
  cwd: string;
}

/** A bad flag or variable for an eval target: the wrapper prints the message and exits 2 before anything runs. */
export class EvalUsageError extends Error {
  override name = 'EvalUsageError';
}

const CACHE_MODES = ['off', 'read-write', 'replay'] as const;

/** Flags the targets set themselves from their inputs: passing them to `nx run` would bypass the cache key. */
const OWNED_FLAGS: Record<string, string> = {
  '--env': 'the target evaluates its own environment; run the target of another project instead',
  '--model': 'set CRUCIBLE_MODEL instead (an input of the cache key)',
  '--base-url': 'set OPENAI_BASE_URL instead (an input of the cache key)',
  '--out': 'the target writes its own run directory',
  '--run-id': 'the target writes its own run directory',
  '--cache': 'set CRUCIBLE_EVAL_CACHE=read-write|replay instead (an input of the cache key)',
  '--cache-dir': 'the cassette of an eval target is its environment\'s directory under the plugin option "cassettes"',
};

/**
 * Flags naming files or endpoints whose content the cache key cannot see; fine for the never-cached target.
 * (Compute flags and everything else given to `nx run` are part of the key: Nx hashes a task's arguments.)
 */
const UNHASHED_FLAGS: Record<string, string> = {
  '--dataset': 'its content would not be an input: name the dataset in nx.json (plugin option "datasets")',
  '--config': 'its content would not be an input: pass the settings as flags',
  '--judge-base-url': 'a judge endpoint is live',
};

/** The `crucible run` arguments for a request, after checking that the request's result is what its inputs say. */
export function planEval(req: EvalRequest): { cliArgs: string[]; runDir: string } {
  const model = req.vars['CRUCIBLE_MODEL'] || 'sim';
  const cache = req.vars['CRUCIBLE_EVAL_CACHE'] || 'off';
  if (!(CACHE_MODES as readonly string[]).includes(cache)) {
    throw new EvalUsageError(`CRUCIBLE_EVAL_CACHE="${cache}" is not one of ${CACHE_MODES.join(', ')}`);
  }
  checkFlags(req);
  const live = model !== 'sim' && cache !== 'replay';
  if (req.mode === 'cached' && live) {
    throw new EvalUsageError(
      `CRUCIBLE_MODEL=${model} is a real endpoint, and a live run is never cached: run \`nx run ${req.project}:eval-live\`, ` +
        `or record a cassette there with CRUCIBLE_EVAL_CACHE=read-write and replay it here with CRUCIBLE_EVAL_CACHE=replay`,
    );
  }
  const runDir = evalRunDir(req.envName, req.mode);
  const cliArgs = ['run', '--env', req.envName, '--model', model, '--out', EVAL_RUNS_DIR, '--run-id', evalRunId(req.envName, req.mode)];
  if (req.dataset) cliArgs.push('--dataset', req.dataset);
  if (cache !== 'off') cliArgs.push('--cache', cache, '--cache-dir', req.cassette);
  return { cliArgs: [...cliArgs, ...req.flags], runDir };
}

function checkFlags(req: EvalRequest): void {
  const target = req.mode === 'cached' ? 'eval' : 'eval-live';
  for (let i = 0; i < req.flags.length; i++) {
    const token = req.flags[i]!;
    if (!token.startsWith('--')) continue;
    const eq = token.indexOf('=');
    const name = eq < 0 ? token : token.slice(0, eq);
    const value = eq < 0 ? req.flags[i + 1] : token.slice(eq + 1);
    const reject = (why: string) => {
      throw new EvalUsageError(`${name} cannot be passed to the ${target} target of ${req.project}: ${why}`);
    };
    if (OWNED_FLAGS[name]) reject(OWNED_FLAGS[name]);
    if (req.mode === 'live') continue;
    if (UNHASHED_FLAGS[name]) reject(`${UNHASHED_FLAGS[name]}; or use the eval-live target`);
    if (name === '--judge' && value !== 'sim') reject('a judge other than sim is a live endpoint; use the eval-live target');
    // An env-config value that names a file or folder (a dataset, a repos folder) is read by the run, but only
    // its name would be hashed.
    const pathValue = name === '--env-config' ? value?.slice(value.indexOf('=') + 1) : undefined;
    if (pathValue && existsSync(isAbsolute(pathValue) ? pathValue : resolve(req.cwd, pathValue))) {
      reject(`"${value}" names a file or folder whose content would not be an input; name datasets in nx.json (plugin option "datasets") or use the eval-live target`);
    }
  }
}
