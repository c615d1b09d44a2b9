import type { Usage } from '@crucible/core';
import { completeUsage, finishChoice, reasoningText, toUsage, type RawChoiceParts } from './to-model-response.js';
import type { CutReason, ModelChoice, ThinkTags } from './types.js';

interface ToolCallParts {
  id: string;
  name: string;
  arguments: string;
}

interface ChoiceParts {
  content: string;
  hasContent: boolean;
  reasoning: string;
  tools: Map<number, ToolCallParts>;
  finishReason?: string;
}

/**
 * Assembles streamed chat completion chunks into choices: content, reasoning deltas (`reasoning_content`
 * or `reasoning`), tool calls by their index, `n > 1` choices by `choice.index`, finish reasons and the
 * usage chunk that `stream_options.include_usage` adds at the end.
 */
export class ChatStreamAssembler {
  private readonly parts = new Map<number, ChoiceParts>();
  private usage?: Usage;
  model?: string;
  /** Whether any generated text or tool call arrived: from then on a failure is a cut, never a retry. */
  streamed = false;

  push(chunk: unknown): void {
    const c = chunk as { model?: unknown; choices?: unknown; usage?: unknown };
    if (typeof c?.model === 'string') this.model = c.model;
    if (c?.usage) this.usage = toUsage(c.usage);
    if (!Array.isArray(c?.choices)) return;
    for (const raw of c.choices as Array<Record<string, any>>) {
      const index = typeof raw['index'] === 'number' ? raw['index'] : 0;
      const parts = this.choice(index);
      const delta = (raw['delta'] ?? {}) as Record<string, any>;
      if (typeof delta['content'] === 'string') {
        parts.content += delta['content'];
        parts.hasContent = true;
        if (delta['content']) this.streamed = true;
      }
      const reasoning = reasoningText(delta);
      if (reasoning) {
        parts.reasoning += reasoning;
        this.streamed = true;
      }
      for (const call of Array.isArray(delta['tool_calls']) ? (delta['tool_calls'] as Array<Record<string, any>>) : []) {
        const at = typeof call['index'] === 'number' ? call['index'] : parts.tools.size;
        const tool = parts.tools.get(at) ?? { id: '', name: '', arguments: '' };
        if (typeof call['id'] === 'string') tool.id = call['id'];
        if (typeof call['function']?.name === 'string') tool.name += call['function'].name;
        if (typeof call['function']?.arguments === 'string') tool.arguments += call['function'].arguments;
        parts.tools.set(at, tool);
        this.streamed = true;
      }
      if (typeof raw['finish_reason'] === 'string') parts.finishReason = raw['finish_reason'];
    }
  }

  /** Whether every choice got a finish reason: the stream ended as the server meant it to. */
  get finished(): boolean {
    return this.parts.size > 0 && [...this.parts.values()].every((p) => p.finishReason !== undefined);
  }

  /**
   * The assembled choices and usage. A cut stream keeps what arrived, marked with the cut reason;
   * when the server sent no usage, every count is estimated from the text (`promptText` for the prompt).
   */
  result(tags: ThinkTags | null, cut: CutReason | undefined, promptText: string): { choices: ModelChoice[]; usage: Usage; usageEstimated: boolean } {
    const indices = [...this.parts.keys()].sort((a, b) => a - b);
    const choices = indices.map((i) => {
      const p = this.parts.get(i)!;
      const raw: RawChoiceParts = {
        content: p.hasContent ? p.content : null,
        reasoning: p.reasoning,
        toolCalls: [...p.tools.entries()].sort(([a], [b]) => a - b).map(([, t]) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments } })),
        finishReason: p.finishReason ?? 'unknown',
      };
      return finishChoice(raw, tags, p.finishReason === undefined ? cut : undefined);
    });
    const estimated = this.usage === undefined;
    const usage = this.usage ? completeUsage(this.usage, choices) : completeUsage(this.usage ?? toUsage(undefined), choices, { promptText });
    return { choices, usage, usageEstimated: estimated };
  }

  private choice(index: number): ChoiceParts {
    let parts = this.parts.get(index);
    if (!parts) {
      parts = { content: '', hasContent: false, reasoning: '', tools: new Map() };
      this.parts.set(index, parts);
    }
    return parts;
  }
}
