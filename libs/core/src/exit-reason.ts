import { z } from 'zod';

/**
 * Why an episode ended. `submitted` is the only natural end; the rest are limits or failures:
 * `truncated` is the environment's own limit (its step result said `truncated`), `max_steps` the harness's
 * step limit. Environment and model failures are results, recorded like any other.
 */
export const EXIT_REASONS = [
  'submitted',
  'truncated',
  'max_steps',
  'token_budget',
  'time_limit',
  'context_overflow',
  'format_errors',
  'env_error',
  'model_error',
  'cancelled',
] as const;

/** One of {@link EXIT_REASONS}. */
export type ExitReason = (typeof EXIT_REASONS)[number];

/** zod schema of {@link ExitReason}. */
export const ExitReasonSchema = z.enum(EXIT_REASONS);
