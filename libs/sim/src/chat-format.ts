import { shownContent, type Completion } from './completion.js';
import { interleave, spread, textChunks, type StreamEvent } from './stream-plan.js';

const usageOf = (c: Completion) => ({
  prompt_tokens: c.prompt.promptTokens,
  completion_tokens: c.completionTokens,
  total_tokens: c.prompt.promptTokens + c.completionTokens,
  prompt_tokens_details: { cached_tokens: c.prompt.cachedTokens },
  completion_tokens_details: { reasoning_tokens: c.reasoningTokens },
});

/** A non-streamed chat completion body. */
export function chatBody(c: Completion): Record<string, unknown> {
  return {
    id: `chatcmpl-sim-${c.id}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'sim',
    system_fingerprint: 'crucible-sim',
    choices: c.outputs.map((out, index) => {
      const { content, reasoning } = shownContent(c, index);
      return {
        index,
        message: {
          role: 'assistant',
          content,
          ...(reasoning ? { reasoning_content: reasoning } : {}),
          refusal: null,
          ...(out.toolCalls.length > 0 ? { tool_calls: out.toolCalls.map((t) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments } })) } : {}),
        },
        logprobs: null,
        finish_reason: out.finishReason,
      };
    }),
    usage: usageOf(c),
  };
}

/**
 * The chunks of a streamed chat completion: reasoning deltas, then content deltas, then tool call deltas
 * (with their index), then the finish reason, per choice and interleaved across choices; then the usage chunk
 * that `stream_options.include_usage` asks for (always sent: clients may ignore it).
 */
export function chatStream(c: Completion, chunkTokens: number): StreamEvent[] {
  const head = { id: `chatcmpl-sim-${c.id}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: 'sim', system_fingerprint: 'crucible-sim' };
  const chunk = (index: number, delta: Record<string, unknown>, finish: string | null = null) => ({ ...head, choices: [{ index, delta, logprobs: null, finish_reason: finish }] });
  const lists = c.outputs.map((out, index): StreamEvent[] => {
    const { content, reasoning } = shownContent(c, index);
    const events: StreamEvent[] = [{ data: chunk(index, { role: 'assistant', content: '' }), tokens: 0 }];
    const reasoningChunks = textChunks(reasoning, chunkTokens);
    for (const text of reasoningChunks) events.push({ data: chunk(index, { reasoning_content: text }), tokens: Math.ceil(text.length / 4) });
    // Content tokens are the sim's count, not the text's: spread them over the content chunks (inline thinking included).
    const contentChunks = textChunks(content, chunkTokens);
    const contentTokens = out.contentTokens + (c.thinkTags ? out.reasoningTokens : 0);
    const tokens = spread(contentTokens, Math.max(1, contentChunks.length));
    contentChunks.forEach((text, i) => events.push({ data: chunk(index, { content: text }), tokens: tokens[i]! }));
    if (contentChunks.length === 0 && contentTokens > 0) events.push({ data: chunk(index, { content: '' }), tokens: contentTokens });
    out.toolCalls.forEach((t, i) =>
      events.push({ data: chunk(index, { tool_calls: [{ index: i, id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments } }] }), tokens: 0 }),
    );
    events.push({ data: chunk(index, {}, out.finishReason), tokens: 0 });
    return events;
  });
  return [...interleave(lists), { data: { ...head, choices: [], usage: usageOf(c) }, tokens: 0 }];
}
