import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CrucibleError } from '@crucible/core';
import type { JsonlVerdict } from '@crucible/env-math/grading';
import { intArg, numberArg } from '../options/parsers.js';

/** `crucible grade`: grade outputs produced elsewhere with an environment's own checker. */
export function registerGrade(program: Command, setExit: (code: number) => void): void {
  const grade = program.command('grade').description("grade outputs produced elsewhere with an environment's checker");
  grade
    .command('math')
    .description('compare predicted answers with gold answers; prints one JSON verdict per case')
    .option('--gold <answer>', 'the gold answer')
    .option('--pred <output>', 'the model output (the answer is extracted from it)')
    .option('--jsonl <file>', 'a JSONL file of {"gold": ..., "pred": ..., "equal"?: true|false} lines')
    .option('--min-agreement <fraction>', 'with --jsonl: exit 1 when agreement with the lines\' "equal" is below this (0..1)', numberArg(0, 1))
    .option('--timeout-ms <ms>', 'time limit of one grade; a grade that runs out is {"equal": false, "rule": "timeout"}', intArg(1, 600_000), 2000)
    .action(async (flags: { gold?: string; pred?: string; jsonl?: string; minAgreement?: number; timeoutMs: number }) => {
      // Loaded on demand, and only the grading entry: the LaTeX engines load in the grading workers.
      const math = await import('@crucible/env-math/grading');
      try {
        if (flags.jsonl) {
          if (flags.gold !== undefined || flags.pred !== undefined) throw usage('use either --jsonl or --gold/--pred, not both');
          const verdicts: JsonlVerdict[] = [];
          let equal = 0;
          for await (const verdict of math.gradeJsonl(resolve(flags.jsonl), { timeoutMs: flags.timeoutMs })) {
            if (verdict.equal) equal++;
            verdicts.push(verdict);
            process.stdout.write(`${JSON.stringify(verdict)}\n`);
          }
          process.stderr.write(`${equal}/${verdicts.length} equal\n`);
          const agreement = math.tallyAgreement(verdicts);
          if (agreement.labelled > 0) process.stderr.write(`${math.formatAgreement(agreement)}\n`);
          if (flags.minAgreement !== undefined) {
            if (agreement.labelled === 0) throw usage('--min-agreement needs lines with an expected "equal": true|false');
            if (agreement.rate < flags.minAgreement) {
              process.stderr.write(`agreement ${agreement.rate.toFixed(4)} is below --min-agreement ${flags.minAgreement}\n`);
              setExit(1);
              return;
            }
          }
        } else {
          if (flags.minAgreement !== undefined) throw usage('--min-agreement applies to --jsonl only');
          if (flags.gold === undefined || flags.pred === undefined) throw usage('pass --gold and --pred, or --jsonl FILE');
          process.stdout.write(`${JSON.stringify(await math.gradeCase(flags.gold, flags.pred, { timeoutMs: flags.timeoutMs }))}\n`);
        }
        setExit(0);
      } finally {
        await math.closeGradingPool();
      }
    });
  grade
    .command('code-repo')
    .description('grade patches against SWE-bench-style tasks; writes a report of resolved, unresolved and error ids')
    .requiredOption('--dataset <file>', 'tasks: .jsonl, .json (an array) or .parquet, with SWE-bench instance fields')
    .requiredOption('--predictions <file>', 'predictions: {"instance_id": ..., "model_patch": ...} objects, one a line (.jsonl) or a JSON array (.json)')
    .option('--repos <dir>', 'where owner/name repositories live (DIR/owner__name or DIR/owner/name)')
    .option('--cache-dir <dir>', 'where repository mirrors are cached (default: the system temp dir)')
    .option('--concurrency <n>', 'instances graded at once', intArg(1, 64), 2)
    .option('--report <file>', 'also write the report JSON here')
    .option('--log-dir <dir>', "write each instance's test log (command, output, the harness's notes) to DIR/<instance_id>.log")
    .option('--unsafe-no-sandbox', 'run tests without bubblewrap (only if it is missing)')
    .option('--allow-setup-network', "let instances' setup_command (e.g. npm ci) use the network; tests never get it")
    .action(async (flags: { dataset: string; predictions: string; repos?: string; cacheDir?: string; concurrency: number; report?: string; logDir?: string; unsafeNoSandbox?: boolean; allowSetupNetwork?: boolean }) => {
      const { describeUnknownIds, gradePredictions } = await import('@crucible/env-code-repo');
      const report = await gradePredictions({
        dataset: resolve(flags.dataset),
        predictions: resolve(flags.predictions),
        repos: flags.repos ? resolve(flags.repos) : undefined,
        cacheDir: flags.cacheDir ? resolve(flags.cacheDir) : undefined,
        logDir: flags.logDir ? resolve(flags.logDir) : undefined,
        concurrency: flags.concurrency,
        unsafeNoSandbox: flags.unsafeNoSandbox ?? false,
        allowSetupNetwork: flags.allowSetupNetwork ?? false,
      });
      const text = `${JSON.stringify(report, null, 2)}\n`;
      if (flags.report) await writeFile(resolve(flags.report), text);
      process.stdout.write(text);
      // Predictions for another dataset (or a typo in every id) must not pass as a run that graded nothing.
      if (report.submitted === 0) {
        const why = report.unknown_ids.length > 0 ? describeUnknownIds(report.unknown_ids) : `${flags.predictions} holds no predictions`;
        process.stderr.write(`error: no prediction matches an instance of ${flags.dataset}: ${why}\n`);
        setExit(1);
        return;
      }
      if (report.unknown_ids.length > 0) process.stderr.write(`warning: ${describeUnknownIds(report.unknown_ids)} (not graded)\n`);
      setExit(0);
    });
}

function usage(message: string): CrucibleError {
  return new CrucibleError('invalid_flag', message, { hint: 'see `crucible grade math --help`' });
}
