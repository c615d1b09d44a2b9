import { Command, CommanderError } from 'commander';
import { isCrucibleError } from '@crucible/core';
import { registerCompare } from './commands/compare.js';
import { registerEnvs } from './commands/envs.js';
import { registerGrade } from './commands/grade.js';
import { registerMerge } from './commands/merge.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSim } from './commands/sim.js';
import { registerSweep } from './commands/sweep.js';
import { registerView } from './commands/view.js';
import { registerWorker } from './commands/worker.js';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { VERSION } from './version.js';

export { EXIT };

/** Builds the `crucible` program. */
export function buildProgram(argv: string[], setExit: (code: number) => void): Command {
  const program = new Command('crucible')
    .description('Crucible: evaluate agents on environments and measure score as a function of inference-time compute')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .option('--debug', 'print the stack trace of an unexpected error (or set CRUCIBLE_DEBUG=1)')
    .addHelpText('after', EXIT_HELP)
    .exitOverride();
  registerRun(program, () => argv, setExit);
  registerSweep(program, () => argv, setExit);
  registerMerge(program, setExit);
  registerCompare(program, setExit);
  registerReport(program, setExit);
  registerView(program, setExit);
  registerEnvs(program, setExit);
  registerGrade(program, setExit);
  registerSim(program, setExit);
  registerWorker(program, setExit);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI with arguments (without `node` and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(argv, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; parse errors were already printed by commander
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isCrucibleError(err)) {
      process.stderr.write(`crucible: ${err.toLine()}\n`);
      return err.family === 'user' ? EXIT.usage : EXIT.failure;
    }
    // A bug of ours: one line and where to report it; the stack only when asked for.
    const debug = argv.includes('--debug') || process.env['CRUCIBLE_DEBUG'] === '1';
    const detail = debug ? ((err as Error).stack ?? String(err)) : `${(err as Error).message ?? String(err)} (rerun with --debug for the stack trace; please report it with that output)`;
    process.stderr.write(`crucible: unexpected error: ${detail}\n`);
    return EXIT.failure;
  }
}
