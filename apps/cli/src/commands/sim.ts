import type { Command } from 'commander';
import { CrucibleError } from '@crucible/core';
import { formatSimBanner, startSimServer, type SimThinkingMode } from '@crucible/sim';
import { intArg, numberArg } from '../options/parsers.js';

/** `crucible sim serve`: the simulated OpenAI-compatible model as a standalone server. */
export function registerSim(program: Command, setExit: (code: number) => void): void {
  const sim = program.command('sim').description('the built-in simulated model (a test double and demo, not a real model)');
  sim
    .command('serve')
    .description('serve the sim model over HTTP on 127.0.0.1 (OpenAI-compatible /v1/chat/completions)')
    .option('--port <port>', 'port (default: a random free port)', intArg(0, 65535))
    .option('--latency-ms <ms>', 'added latency per request', intArg(0))
    .option('--seed <n>', 'policy seed', intArg(0))
    .option('--max-n <n>', 'largest n per request it accepts', intArg(1))
    .option('--rate-429 <p>', 'probability of a 429 reply', numberArg(0, 1))
    .option('--rate-500 <p>', 'probability of a 500 reply', numberArg(0, 1))
    .option('--malformed-rate <p>', 'probability of a malformed body', numberArg(0, 1))
    .option('--invalid-tool-args-rate <p>', 'probability of invalid tool arguments', numberArg(0, 1))
    .option('--thinking <mode>', 'how reasoning shows: auto (default) | field (reasoning_content) | think-tags | off')
    .option('--tokens-per-second <n>', 'streamed tokens per second and choice (default: unthrottled)', intArg(1))
    .option('--idle-gap-ms <ms>', 'pause this long every --idle-gap-every tokens of a stream', intArg(0))
    .option('--idle-gap-every <tokens>', 'tokens between idle gaps', intArg(1))
    .action(async (flags: { port?: number; latencyMs?: number; seed?: number; maxN?: number; rate429?: number; rate500?: number; malformedRate?: number; invalidToolArgsRate?: number; thinking?: string; tokensPerSecond?: number; idleGapMs?: number; idleGapEvery?: number }) => {
      if (flags.thinking !== undefined && !['auto', 'field', 'think-tags', 'off'].includes(flags.thinking)) {
        throw new CrucibleError('invalid_flag', `--thinking "${flags.thinking}" is not auto, field, think-tags or off`, { hint: 'for example --thinking think-tags' });
      }
      const server = await startSimServer({
        port: flags.port ?? 0,
        latencyMs: flags.latencyMs,
        seed: flags.seed,
        maxN: flags.maxN,
        thinking: flags.thinking as SimThinkingMode | undefined,
        tokensPerSecond: flags.tokensPerSecond,
        faults: {
          rate429: flags.rate429,
          rate500: flags.rate500,
          malformedRate: flags.malformedRate,
          invalidToolArgsRate: flags.invalidToolArgsRate,
          idleGapMs: flags.idleGapMs,
          idleGapEveryTokens: flags.idleGapEvery,
        },
      });
      process.stdout.write(`${formatSimBanner(server)}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      setExit(0);
    });
}
