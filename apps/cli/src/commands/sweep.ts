import type { Command } from 'commander';
import { CrucibleError } from '@crucible/core';
import { addComputeFlags, resolveCompute, type ComputeFlags } from '../options/compute-flags.js';
import { listArg } from '../options/parsers.js';
import { EXIT_HELP } from '../exit-codes.js';
import { addCommonFlags } from './common-flags.js';
import { executeRun } from './execute-run.js';
import { checkSelection, resolveCommon, type CommonFlags } from './run-settings.js';
import { expandGrid, parseGridFlags } from './sweep-grid.js';

/** `crucible sweep`: a grid of compute settings, sharing one sample pool per task across `samples` values. */
export function registerSweep(program: Command, argv: () => string[], setExit: (code: number) => void): void {
  const cmd = program
    .command('sweep')
    .description('run a grid of compute settings and write score-vs-compute curves, the Pareto frontier and the best setting per difficulty')
    .option('--grid <key=v1,v2,...>', 'a compute axis (repeatable): samples, reasoningEffort, thinkingTokens, budgetForcing, temperature, maxTokens, revisions, aggregate', listArg)
    .addHelpText('after', '\nExample:\n  crucible sweep --env math --model sim --tasks 40 --grid samples=1,2,4,8,16 --grid reasoningEffort=low,medium,high\n  crucible sweep --env math --model sim --tasks 40 --grid thinkingTokens=1024,4096,16384');
  addComputeFlags(addCommonFlags(cmd)).addHelpText('after', EXIT_HELP).action(async (flags: CommonFlags & ComputeFlags & { grid?: string[] }) => {
    const settings = await resolveCommon(flags, process.cwd());
    const axes = parseGridFlags(flags.grid ?? [], settings.file.grid);
    if (axes.length === 0) throw new CrucibleError('invalid_flag', 'a sweep needs at least one --grid axis', { hint: 'for example --grid samples=1,2,4,8' });
    // Fail fast on bad flags before expanding, with one grid value per axis (a budget may come from the grid).
    resolveCompute(settings.file.compute, flags, Object.fromEntries(axes.map((a) => [a.key, a.values[0]])));
    const { points, poolOf } = expandGrid(axes, (overrides) => resolveCompute(settings.file.compute, flags, overrides));
    await checkSelection(settings, points.map((p) => p.compute), flags.judge, process.cwd());
    setExit(await executeRun(settings, flags, points, argv(), { poolOf }));
  });
}
