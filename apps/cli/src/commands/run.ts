import type { Command } from 'commander';
import { addComputeFlags, resolveCompute, type ComputeFlags } from '../options/compute-flags.js';
import { EXIT_HELP } from '../exit-codes.js';
import { addCommonFlags } from './common-flags.js';
import { executeRun } from './execute-run.js';
import { checkSelection, describeCompute, resolveCommon, type CommonFlags } from './run-settings.js';

/** `crucible run`: one evaluation at one compute setting. */
export function registerRun(program: Command, argv: () => string[], setExit: (code: number) => void): void {
  const cmd = program
    .command('run')
    .description('evaluate a model on an environment and write runs/<run-id>/ (run.json, episodes.jsonl, summary.json, ...)')
    .addHelpText('after', '\nExamples:\n  crucible run --env math --model sim --tasks 50\n  crucible run --env math --model gpt-4o-mini --samples 8 --aggregate vote\n  crucible run --env code-repo --model sim --tasks 4');
  addComputeFlags(addCommonFlags(cmd)).addHelpText('after', EXIT_HELP).action(async (flags: CommonFlags & ComputeFlags) => {
    const settings = await resolveCommon(flags, process.cwd());
    const compute = resolveCompute(settings.file.compute, flags);
    await checkSelection(settings, [compute], flags.judge, process.cwd());
    setExit(await executeRun(settings, flags, [{ label: describeCompute(compute), compute }], argv()));
  });
}
