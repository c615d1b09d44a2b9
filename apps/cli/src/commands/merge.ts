import { resolve } from 'node:path';
import type { Command } from 'commander';
import { finalizeRun, mergeRuns } from '@crucible/orchestrator';
import { renderConsoleSummary } from '@crucible/report';
import { checkWritableDir } from '../check-paths.js';
import { EXIT } from '../exit-codes.js';

/** `crucible merge`: join the run directories of `--shard i/n` jobs. */
export function registerMerge(program: Command, setExit: (code: number) => void): void {
  program
    .command('merge')
    .description('join shard run directories (from --shard i/n) into one run directory and summarise it')
    .argument('<dirs...>', 'shard run directories')
    .requiredOption('--out <dir>', 'the merged run directory (must not exist yet)')
    .action(async (dirs: string[], flags: { out: string }) => {
      const out = resolve(flags.out);
      await checkWritableDir('--out', out);
      const outcome = await mergeRuns(out, dirs.map((d) => resolve(d)));
      // Planned from the shards' summaries: merging partial shards gives a run marked partial.
      const { summary, file } = await finalizeRun(out, { planned: outcome.planned });
      process.stdout.write(`${renderConsoleSummary(summary, { curves: file.curves, frontier: file.pareto.tokens, bestPerDifficulty: file.bestPerDifficulty, completeness: file.completeness })}\n`);
      process.stdout.write(`merged ${outcome.episodes} episodes from ${dirs.length} directories (${outcome.duplicates} duplicates dropped)\nrun directory: ${out}\n`);
      setExit(EXIT.ok);
    });
}
