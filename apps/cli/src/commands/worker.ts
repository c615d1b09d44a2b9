import type { Command } from 'commander';
import { CrucibleError } from '@crucible/core';
import type { SimThinkingMode } from '@crucible/sim';
import { executeEpisode } from '@crucible/orchestrator';
import { formatWorkerEvent, parseRedisUrl, startWorker } from '@crucible/queue';
import { EXIT } from '../exit-codes.js';
import { intArg, numberArg } from '../options/parsers.js';
import { WorkerRuntime } from '../queue/worker-runtime.js';
import { workspaceRoot, workspaceVersion } from '../queue/workspace-version.js';

interface WorkerFlags {
  redis?: string;
  concurrency?: number;
  repos?: string;
  lockDuration?: number;
  simThinking?: string;
  simTokensPerSecond?: number;
}

/** `crucible worker`: takes episodes of `crucible run --queue` runs from Redis and runs them on this machine. */
export function registerWorker(program: Command, setExit: (code: number) => void): void {
  program
    .command('worker')
    .description('run episodes of `crucible run --queue` runs from Redis on this machine (needs the same Crucible checkout installed); SIGTERM drains')
    .option('--redis <url>', 'the Redis the coordinators queue on (redis://HOST:PORT)')
    .option('--concurrency <n>', 'episodes run at once by this worker (default 8)', intArg(1, 4096))
    .option('--repos <dir>', 'code-repo: this machine\'s folder of repositories (owner__name), replacing the run\'s --env-config repos')
    .option('--lock-duration <seconds>', 'lock of a running episode; a killed worker\'s episodes go to another worker after about this long (default 30)', numberArg(0.2))
    .option('--sim-thinking <mode>', 'this worker\'s sim (--model sim runs): auto (default) | field | think-tags | off')
    .option('--sim-tokens-per-second <n>', 'this worker\'s sim: streamed tokens per second and choice', intArg(1))
    .addHelpText('after', '\nExample:\n  OPENAI_API_KEY=... crucible worker --redis redis://10.0.0.5:6379 --concurrency 16')
    .action(async (flags: WorkerFlags) => {
      if (!flags.redis) throw new CrucibleError('invalid_flag', 'crucible worker needs --redis', { hint: 'for example --redis redis://127.0.0.1:6379' });
      parseRedisUrl(flags.redis);
      const modes = ['auto', 'field', 'think-tags', 'off'];
      if (flags.simThinking !== undefined && !modes.includes(flags.simThinking)) {
        throw new CrucibleError('invalid_flag', `--sim-thinking "${flags.simThinking}" is not one of ${modes.join(', ')}`, { hint: 'for example --sim-thinking think-tags' });
      }
      const root = workspaceRoot();
      const runtime = new WorkerRuntime({
        root,
        cwd: process.cwd(),
        repos: flags.repos,
        sim: { thinking: flags.simThinking as SimThinkingMode | undefined, tokensPerSecond: flags.simTokensPerSecond },
      });
      try {
        const worker = await startWorker({
          redis: flags.redis,
          concurrency: flags.concurrency ?? 8,
          workspaceVersion: await workspaceVersion(root),
          lockDurationMs: flags.lockDuration !== undefined ? Math.round(flags.lockDuration * 1000) : undefined,
          handleSignals: true,
          runJob: async (job, signal) => {
            const { job: local, ...deps } = await runtime.depsFor(job);
            return executeEpisode(local, { ...deps, signal });
          },
          onEvent: (event) => process.stdout.write(`${formatWorkerEvent(event)}\n`),
        });
        await worker.stopped;
      } finally {
        await runtime.close();
      }
      setExit(EXIT.ok);
    });
}
