import { join } from 'node:path';
import type { Command } from 'commander';
import { RUN_FILES, finalizeRun } from '@crucible/orchestrator';
import { renderConsoleSummary } from '@crucible/report';
import { EXIT } from '../exit-codes.js';
import { existingRunDir } from './run-dir-arg.js';

/** `crucible report RUN_DIR`: regenerate summary.json, summary.md, junit.xml and report.html from the run's files. */
export function registerReport(program: Command, setExit: (code: number) => void): void {
  program
    .command('report')
    .description('regenerate every report of a run directory (summary.json, summary.md, junit.xml, report.html) from run.json and episodes.jsonl')
    .argument('<run-dir>', 'the run directory (runs/<run-id>/)')
    .action(async (dir: string) => {
      const runDir = await existingRunDir(dir);
      // The same code a finished run calls, so a regenerated report equals the one the run wrote.
      const { summary, file } = await finalizeRun(runDir);
      process.stdout.write(`${renderConsoleSummary(summary, { curves: file.curves, frontier: file.pareto.tokens, bestPerDifficulty: file.bestPerDifficulty })}\n`);
      for (const name of [RUN_FILES.summary, RUN_FILES.summaryMd, RUN_FILES.junit, RUN_FILES.report]) process.stdout.write(`wrote ${join(runDir, name)}\n`);
      setExit(EXIT.ok);
    });
}
