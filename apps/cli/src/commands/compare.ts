import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { checkComparable, comparePaired, gateComparison, parseFloor } from '@crucible/scoring';
import { EXIT } from '../exit-codes.js';
import { intArg, listArg, numberArg } from '../options/parsers.js';
import { loadRun } from './compare-load.js';
import { renderCompareConsole, renderCompareMarkdown } from './compare-output.js';

interface CompareFlags {
  maxDrop: number;
  alpha: number;
  failUnder?: string[];
  intersection?: boolean;
  markdown?: string;
  json?: string;
  seed: number;
  resamples: number;
}

async function writeOut(file: string, text: string): Promise<void> {
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** `crucible compare BASE NEW`: the paired comparison of two runs and the regression gate CI calls. */
export function registerCompare(program: Command, setExit: (code: number) => void): void {
  program
    .command('compare')
    .description('compare NEW against BASE paired by task: accuracy, pass@k, maj@k deltas with bootstrap CIs, McNemar test, flipped tasks; exit 1 on a regression')
    .argument('<base>', 'the baseline run directory (runs/<run-id>/)')
    .argument('<new>', 'the run directory to check against it')
    .option('--max-drop <x>', 'tolerated accuracy drop as a fraction (0.02 = 2 points) before a significant drop fails', numberArg(0, 1), 0)
    .option('--alpha <p>', "significance level of McNemar's exact test", numberArg(0, 1), 0.05)
    .option('--fail-under <metric=value>', 'absolute floor on NEW, e.g. accuracy=0.6 or pass@4=0.8 (repeatable)', listArg)
    .option('--intersection', 'compare the tasks both runs hold instead of refusing runs with different task sets or datasets')
    .option('--markdown <file>', 'also write the report as Markdown (a PR comment or $GITHUB_STEP_SUMMARY)')
    .option('--json <file>', 'also write the comparison and verdict as JSON (`-` for stdout; the table then goes to stderr)')
    .option('--seed <n>', 'seed of the bootstrap resampling', intArg(0), 0)
    .option('--resamples <n>', 'bootstrap resamples', intArg(100, 1_000_000), 2000)
    .addHelpText('after', '\nExit codes: 0 no regression, 1 a significant drop beyond --max-drop or a floor not met, 2 bad input (runs that cannot be compared).\n\nExample:\n  crucible compare baselines/math/run runs/pr/math-eval --max-drop 0.02 --fail-under accuracy=0.5 --markdown compare.md')
    .action(async (baseDir: string, newDir: string, flags: CompareFlags) => {
      const floors = (flags.failUnder ?? []).map(parseFloor);
      const base = await loadRun(baseDir, 'BASE');
      const next = await loadRun(newDir, 'NEW');
      checkComparable(base.identity, next.identity, flags.intersection);
      const cmp = comparePaired(base.side, next.side, { intersection: flags.intersection, seed: flags.seed, resamples: flags.resamples });
      const verdict = gateComparison(cmp, { maxDrop: flags.maxDrop, alpha: flags.alpha, floors });
      const text = renderCompareConsole(cmp, verdict, base, next);
      (flags.json === '-' ? process.stderr : process.stdout).write(`${text}\n`);
      if (flags.markdown) await writeOut(flags.markdown, renderCompareMarkdown(cmp, verdict, base, next));
      if (flags.json) {
        const json = `${JSON.stringify({ format: 1, base: { dir: base.dir, runId: base.runId, model: base.model }, new: { dir: next.dir, runId: next.runId, model: next.model }, env: next.identity.env, comparison: cmp, verdict }, null, 2)}\n`;
        if (flags.json === '-') process.stdout.write(json);
        else await writeOut(flags.json, json);
      }
      setExit(verdict.pass ? EXIT.ok : EXIT.failure);
    });
}
