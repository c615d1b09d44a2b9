/**
 * The one error type Crucible throws. Every error has a stable string `code`
 * in one of three families, so callers can decide what to do without parsing messages:
 * - `user`: bad flags, config or data. Fail fast, before any model call, with a message that says what to do.
 * - `infra`: endpoint, sandbox or store trouble. Retried with backoff, then recorded.
 * - `model`: model behaviour (bad tool call, unparseable answer). Part of the episode, never a crash.
 */
export type ErrorFamily = 'user' | 'infra' | 'model';

const CODES = {
  // user / config
  invalid_flag: 'user',
  invalid_config: 'user',
  invalid_dataset: 'user',
  invalid_task: 'user',
  unknown_environment: 'user',
  unknown_model: 'user',
  missing_api_key: 'user',
  cache_miss: 'user',
  run_mismatch: 'user',
  unsafe_refused: 'user',
  // infra
  endpoint_error: 'infra',
  rate_limited: 'infra',
  timeout: 'infra',
  connection_error: 'infra',
  malformed_response: 'infra',
  sandbox_error: 'infra',
  store_error: 'infra',
  env_error: 'infra',
  queue_error: 'infra',
  // model behaviour
  invalid_action: 'model',
  unknown_tool: 'model',
  unparseable_answer: 'model',
  context_overflow: 'model',
} as const satisfies Record<string, ErrorFamily>;

/** Every error code Crucible uses. */
export type ErrorCode = keyof typeof CODES;

/** Options for {@link CrucibleError}. */
export interface CrucibleErrorOptions {
  cause?: unknown;
  /** What the user should do about it; printed after the message. */
  hint?: string;
  /** Whether retrying the same operation may succeed (infra faults only). */
  retryable?: boolean;
  details?: Record<string, unknown>;
}

/** The single error class of the project; see {@link ErrorCode} for the codes. */
export class CrucibleError extends Error {
  readonly code: ErrorCode;
  readonly family: ErrorFamily;
  readonly hint?: string;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: CrucibleErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrucibleError';
    this.code = code;
    this.family = CODES[code];
    this.hint = options.hint;
    this.retryable = options.retryable ?? this.family === 'infra';
    this.details = options.details;
  }

  /** One line for a terminal: message, then what to do. */
  toLine(): string {
    return this.hint ? `${this.message} (${this.hint})` : this.message;
  }
}

/** The family of a code, for callers that only hold a code. */
export function errorFamily(code: ErrorCode): ErrorFamily {
  return CODES[code];
}

/** True for a {@link CrucibleError}, optionally of one family. */
export function isCrucibleError(err: unknown, family?: ErrorFamily): err is CrucibleError {
  return err instanceof CrucibleError && (family === undefined || err.family === family);
}
