/** Characters per token of the estimate; the usual rule of thumb for English text and code. */
export const CHARS_PER_TOKEN_ESTIMATE = 4;

/**
 * Tokens of a text when the server did not say: used for streams cut before the usage chunk (they were
 * billed) and for reasoning tokens of servers that return reasoning text but no count.
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / CHARS_PER_TOKEN_ESTIMATE);
}
