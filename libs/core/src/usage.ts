import { z } from 'zod';

/** Token usage kept whole: cached tokens are part of prompt tokens, reasoning tokens part of completion tokens. */
export const UsageSchema = z.object({
  calls: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
});

/** See {@link UsageSchema}. */
export type Usage = z.infer<typeof UsageSchema>;

/** A zero usage. */
export function emptyUsage(): Usage {
  return { calls: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0 };
}

/** Sum of usages. */
export function addUsage(...items: Usage[]): Usage {
  const out = emptyUsage();
  for (const u of items) {
    out.calls += u.calls;
    out.promptTokens += u.promptTokens;
    out.completionTokens += u.completionTokens;
    out.cachedTokens += u.cachedTokens;
    out.reasoningTokens += u.reasoningTokens;
  }
  return out;
}

/** Prompt plus completion tokens. */
export function totalTokens(u: Usage): number {
  return u.promptTokens + u.completionTokens;
}

/** Dollars per million tokens, by kind. Cached prompt tokens are billed at `cachedInput` when given. */
export const PriceSchema = z.object({
  input: z.number().nonnegative(),
  cachedInput: z.number().nonnegative().optional(),
  output: z.number().nonnegative(),
});

/** See {@link PriceSchema}. */
export type Price = z.infer<typeof PriceSchema>;

/** Cost in dollars of a usage at a price; reasoning tokens are billed as output, as providers do. */
export function costOf(u: Usage, price: Price): number {
  const cached = Math.min(u.cachedTokens, u.promptTokens);
  const input = (u.promptTokens - cached) * price.input + cached * (price.cachedInput ?? price.input);
  return (input + u.completionTokens * price.output) / 1_000_000;
}
