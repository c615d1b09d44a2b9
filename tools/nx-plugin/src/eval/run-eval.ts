/**
 * The command of the inferred `eval` / `eval-live` targets:
 *
 *   node --import tsx run-eval.ts --mode cached|live --env NAME --project P --cli BIN --cassette DIR [--dataset F] -- FLAGS...
 *
 * It checks the request (a cached target runs only what its inputs describe), starts the run afresh in the
 * target's run directory, and runs the `crucible` CLI with its output made workspace-relative, because Nx
 * replays that output verbatim on a cache hit.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { EvalUsageError, planEval, type EvalMode } from './eval-plan';
import { relativePaths } from './relative-paths';

async function main(argv: string[]): Promise<number> {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const flags = split < 0 ? [] : argv.slice(split + 1);
  const opt = (name: string) => {
    const i = own.indexOf(`--${name}`);
    return i < 0 ? undefined : own[i + 1];
  };
  const cli = opt('cli');
  const envName = opt('env');
  const mode = opt('mode') as EvalMode | undefined;
  if (!cli || !envName || (mode !== 'cached' && mode !== 'live')) {
    process.stderr.write('eval: run-eval.ts is the command of the inferred eval targets; run `nx run <environment>:eval` instead\n');
    return 2;
  }
  const cwd = process.cwd();
  let plan: ReturnType<typeof planEval>;
  try {
    plan = planEval({ mode, envName, project: opt('project') ?? envName, dataset: opt('dataset'), cassette: opt('cassette') ?? `cassettes/${envName}`, flags, vars: process.env, cwd });
  } catch (err) {
    if (!(err instanceof EvalUsageError)) throw err;
    process.stderr.write(`eval: ${err.message}\n`);
    return 2;
  }
  // Whatever is there belongs to inputs that have since changed: resuming it would mix two versions' results.
  await rm(plan.runDir, { recursive: true, force: true });
  const child = spawn(process.execPath, [cli, ...plan.cliArgs], { cwd, stdio: ['inherit', 'pipe', 'pipe'] });
  child.stdout.pipe(relativePaths(cwd)).pipe(process.stdout);
  child.stderr.pipe(relativePaths(cwd)).pipe(process.stderr);
  // The CLI finishes in-flight episodes on SIGINT/SIGTERM and gets them itself (Ctrl-C reaches the terminal's
  // process group; Nx stops a task by signalling its whole process tree). A second copy from here would end it
  // abruptly, so this process only stays alive to relay the CLI's last lines and its exit code.
  const stay = () => undefined;
  process.on('SIGINT', stay);
  process.on('SIGTERM', stay);
  return new Promise((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`eval: cannot start ${cli}: ${err.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
  });
}

void main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`eval: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
