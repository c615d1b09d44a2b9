import type { Command } from 'commander';
import { CrucibleError, type Compute } from '@crucible/core';
import { parseThinkTags, type ModelClientOptions } from '@crucible/model';
import type { SimThinkingMode } from '@crucible/sim';
import { intArg, numberArg } from './parsers.js';

/** Adds the flags that shape how the model is called: streaming, idle timeout, API, reasoning handling. */
export function addModelFlags(cmd: Command): Command {
  return cmd
    .option('--idle-timeout <seconds>', 'cut a generation when no token arrives for this long; its partial output is kept (default 120)', numberArg(0.001))
    .option('--no-stream', 'send requests non-streamed (for servers that cannot stream); --idle-timeout then bounds the whole response')
    .option('--api <api>', 'chat (chat completions, default) | responses (OpenAI Responses API: keeps reasoning across tool-using turns)')
    .option('--think-tags <open,close>', "tags of inline reasoning split out of content (default '<think>,</think>'; off: keep content whole)")
    .option('--thinking-field <field>', 'where --thinking-tokens goes on the wire: vllm (thinking_token_budget, default) | openrouter (reasoning.max_tokens) | anthropic (thinking.budget_tokens) | none | a dotted body path')
    .option('--sim-thinking <mode>', 'the in-process sim: auto (default) | field (reasoning_content) | think-tags | off')
    .option('--sim-tokens-per-second <n>', 'the in-process sim: streamed tokens per second and choice (default: unthrottled)', intArg(1));
}

/** The model flags as parsed by commander. */
export interface ModelFlags {
  idleTimeout?: number;
  stream?: boolean;
  api?: string;
  thinkTags?: string;
  thinkingField?: string;
  simThinking?: string;
  simTokensPerSecond?: number;
}

/** Client options and sim settings from the model flags, checked before any model call. */
export function resolveModelFlags(flags: ModelFlags): { client: Partial<ModelClientOptions>; sim: { thinking?: SimThinkingMode; tokensPerSecond?: number } } {
  if (flags.api !== undefined && flags.api !== 'chat' && flags.api !== 'responses') {
    throw new CrucibleError('invalid_flag', `--api "${flags.api}" is not chat or responses`, { hint: 'use --api responses for OpenAI reasoning models that need it; chat is the default' });
  }
  const modes = ['auto', 'field', 'think-tags', 'off'];
  if (flags.simThinking !== undefined && !modes.includes(flags.simThinking)) {
    throw new CrucibleError('invalid_flag', `--sim-thinking "${flags.simThinking}" is not one of ${modes.join(', ')}`, { hint: 'for example --sim-thinking think-tags' });
  }
  const client: Partial<ModelClientOptions> = {};
  if (flags.idleTimeout !== undefined) client.idleTimeoutMs = Math.round(flags.idleTimeout * 1000);
  if (flags.stream === false) client.stream = false;
  if (flags.api !== undefined) client.api = flags.api as 'chat' | 'responses';
  if (flags.thinkTags !== undefined) client.thinkTags = parseThinkTags(flags.thinkTags);
  if (flags.thinkingField !== undefined) client.thinkingField = flags.thinkingField;
  return { client, sim: { thinking: flags.simThinking as SimThinkingMode | undefined, tokensPerSecond: flags.simTokensPerSecond } };
}

/** Settings that cannot work together, caught before any model call. */
export function checkModelFlags(client: Partial<ModelClientOptions>, computes: Compute[]): void {
  if (client.api === 'responses' && computes.some((c) => c.sampling.budgetForcing !== undefined && c.sampling.budgetForcing !== 'off')) {
    throw new CrucibleError('invalid_flag', '--budget-forcing needs assistant-prefill continuation, which the Responses API does not have', {
      hint: 'use --api chat (vLLM and SGLang serve it) with --budget-forcing, or drop --budget-forcing',
    });
  }
}
