import { CrucibleError } from '@crucible/core';
import type { ThinkTags } from './types.js';

/** The tags reasoning models such as DeepSeek-R1 and Qwen3 put around inline thinking. */
export const DEFAULT_THINK_TAGS: ThinkTags = { open: '<think>', close: '</think>' };

/** Content split into answer and inline reasoning. */
export interface SplitThinking {
  content: string;
  reasoning: string;
  /** The reasoning was opened and never closed: the generation ended inside its thinking. */
  unclosed: boolean;
}

/**
 * Splits inline reasoning out of content. Handles a closing tag without an opening one (chat templates
 * that put the opening tag in the prompt) and an opening tag never closed (a cut inside the thinking).
 */
export function splitThinking(text: string, tags: ThinkTags): SplitThinking {
  const openAt = text.indexOf(tags.open);
  const closeAt = text.indexOf(tags.close, openAt < 0 ? 0 : openAt + tags.open.length);
  if (openAt < 0 && closeAt < 0) return { content: text, reasoning: '', unclosed: false };
  if (closeAt < 0) {
    return { content: text.slice(0, openAt).trim(), reasoning: text.slice(openAt + tags.open.length).trim(), unclosed: true };
  }
  const start = openAt >= 0 && openAt < closeAt ? openAt + tags.open.length : 0;
  const before = openAt >= 0 && openAt < closeAt ? text.slice(0, openAt) : '';
  const rest = splitThinking(text.slice(closeAt + tags.close.length), tags);
  const reasoning = [text.slice(start, closeAt).trim(), rest.reasoning].filter(Boolean).join('\n');
  return { content: `${before}${rest.content}`.trim(), reasoning, unclosed: rest.unclosed };
}

/** Parses `--think-tags '<think>,</think>'`; `off` or `none` turn splitting off (null). */
export function parseThinkTags(value: string): ThinkTags | null {
  if (value === 'off' || value === 'none') return null;
  const [open, close, ...extra] = value.split(',');
  if (!open || !close || extra.length > 0) {
    throw new CrucibleError('invalid_flag', `--think-tags "${value}" is not OPEN,CLOSE`, { hint: "for example --think-tags '<think>,</think>', or --think-tags off" });
  }
  return { open, close };
}
