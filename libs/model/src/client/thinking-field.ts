import { CrucibleError } from '@crucible/core';

/** Presets of `thinkingField`: where known servers take a thinking budget. */
export const THINKING_FIELD_PRESETS = {
  vllm: 'thinking_token_budget',
  openrouter: 'reasoning.max_tokens',
  anthropic: 'thinking.budget_tokens',
} as const;

/** The default wire field of a thinking budget. */
export const DEFAULT_THINKING_FIELD = 'vllm';

/**
 * A function that writes a thinking budget into a request body at the configured field, or undefined for
 * `none`. Anthropic-compatible servers also need `thinking.type = "enabled"`.
 */
export function thinkingWriter(field: string = DEFAULT_THINKING_FIELD): ((body: Record<string, unknown>, tokens: number) => void) | undefined {
  if (field === 'none') return undefined;
  const path = (THINKING_FIELD_PRESETS as Record<string, string>)[field] ?? field;
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) {
    throw new CrucibleError('invalid_flag', `thinking field "${field}" is not a preset (${Object.keys(THINKING_FIELD_PRESETS).join(', ')}, none) or a dotted body path`, {
      hint: 'for example --thinking-field vllm, or --thinking-field extra.thinking_budget',
    });
  }
  const keys = path.split('.');
  return (body, tokens) => {
    let at = body;
    for (const key of keys.slice(0, -1)) {
      const next = (at[key] && typeof at[key] === 'object' ? at[key] : {}) as Record<string, unknown>;
      at[key] = next;
      at = next;
    }
    at[keys.at(-1)!] = tokens;
    if (path === THINKING_FIELD_PRESETS.anthropic) (body['thinking'] as Record<string, unknown>)['type'] = 'enabled';
  };
}
