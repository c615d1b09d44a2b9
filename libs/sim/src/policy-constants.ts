/**
 * Constants of the sim policy. They are invented: chosen so that curves take the shapes the
 * literature reports (pass@k rises with k; majority voting helps while the right answer is the
 * modal one and hurts where a wrong answer is modal; more effort costs more tokens and helps),
 * not measured on any model.
 */

/** Per-sample success probability at difficulty 1..5 with medium effort and temperature <= 0.7. */
export const BASE_ACCURACY = [0.92, 0.78, 0.6, 0.42, 0.28] as const;

/** Shift of the success logit per reasoning effort; absent effort counts as medium. */
export const EFFORT_SHIFT = { minimal: -0.6, low: -0.3, medium: 0, high: 0.5 } as const;

/** Above this temperature the success logit falls by {@link TEMPERATURE_SLOPE} per unit. */
export const TEMPERATURE_KNEE = 0.7;
export const TEMPERATURE_SLOPE = 0.6;
export const DEFAULT_TEMPERATURE = 1;

/**
 * Zipf exponent of wrong answers at temperature T is ZIPF_SCALE / max(T, ZIPF_MIN_T): the first wrong
 * answer dominates when cold, wrong answers spread out when hot, and wrong votes collide either way.
 */
export const ZIPF_SCALE = 1.5;
export const ZIPF_MIN_T = 0.25;

/** Median completion tokens per choice, by effort, before the difficulty factor. */
export const COMPLETION_TOKENS = { minimal: 60, low: 150, medium: 400, high: 1000 } as const;
/** Difficulty factor on completion tokens: DIFFICULTY_TOKEN_BASE + DIFFICULTY_TOKEN_SLOPE * difficulty. */
export const DIFFICULTY_TOKEN_BASE = 0.6;
export const DIFFICULTY_TOKEN_SLOPE = 0.2;
/** Sigma of the log-normal noise on completion tokens. */
export const TOKEN_NOISE_SIGMA = 0.35;
/**
 * Share of completion tokens that are reasoning tokens, when the request asked for an effort.
 * Without `reasoning_effort` the sim plays a non-reasoning request: medium length, 0 reasoning tokens.
 */
export const REASONING_SHARE = 0.7;

/** Characters per prompt token. */
export const CHARS_PER_TOKEN = 4;

/** Probability that the sim judge's verdict on a candidate is right (it errs both ways). */
export const JUDGE_ACCURACY = 0.85;
/** Completion tokens of one sim judge verdict. */
export const JUDGE_TOKENS = 80;

/**
 * Median thinking tokens of the sim playing a reasoning model (visible thinking, a thinking budget or a
 * prefill continuation), by effort, before the difficulty factor. Long on purpose: reasoning models think
 * for thousands of tokens, which is what budgets and budget forcing act on.
 */
export const THINKING_TOKENS = { minimal: 1000, low: 3000, medium: 8000, high: 20000 } as const;
/** Shift of the success logit per doubling of the thinking actually done, around {@link THINKING_REF_TOKENS}. */
export const THINKING_SLOPE = 0.35;
export const THINKING_REF_TOKENS = 4000;
/** The thinking shift stays within these bounds: thinking longer stops helping, thinking little never zeroes accuracy. */
export const THINKING_SHIFT_MIN = -1.2;
export const THINKING_SHIFT_MAX = 0.8;
/** A "Wait" appended to finished thinking makes the sim think this share of its natural length again. */
export const WAIT_EXTENSION_SHARE = 0.3;
/** Completion tokens of the answer after the thinking. */
export const ANSWER_TOKENS = 40;
