/** One sample of an episode as the browser shows it beside the vote. */
export interface HtmlSample {
  index: number;
  answer?: string;
  passed: boolean;
  exitReason: string;
  tokens: number;
}

/**
 * One episode of `report.html`. The row fields go into the compact index (one row per episode, always loaded);
 * `detail` fields and the trajectory are embedded apart and read only when the episode is opened.
 */
export interface HtmlEpisode {
  id: string;
  taskId: string;
  point: string;
  status: string;
  exitReason: string;
  passed: boolean;
  difficulty?: number;
  answer?: string;
  tokens: number;
  calls: number;
  wallMs: number;
  samples: number;
  error?: string;
  /** The reference answer the grader compared with (math), when the score details carry one. */
  reference?: string;
  /** Each sample's answer and correctness, for the table next to the vote. */
  sampleResults?: HtmlSample[];
  /** How the vote went, e.g. `vote: 3 of 4 samples`. */
  vote?: string;
  /** Code tasks: the model's patch. */
  patch?: string;
  /** Code tasks: the hidden tests' verdicts by test id. */
  tests?: Record<string, string>;
  /** Code tasks: why the patch was resolved or not. */
  verdict?: string;
  /** The stored trajectory file (gzip'd JSON) as base64; decoded in the browser only when the episode is opened. */
  trajectoryGzBase64?: string;
}

/** The result an episode is filtered by. */
export const resultOf = (e: Pick<HtmlEpisode, 'status' | 'passed'>): 'passed' | 'failed' | 'error' => (e.status === 'error' ? 'error' : e.passed ? 'passed' : 'failed');

/** Index columns, in order: the episode browser reads rows as arrays to keep 10,000 rows small. */
export const INDEX_COLUMNS = ['id', 'taskId', 'point', 'result', 'exitReason', 'difficulty', 'answer', 'tokens', 'calls', 'samples', 'search'] as const;

const ANSWER_CHARS = 200;
const clip = (t: string, n: number) => (t.length > n ? `${t.slice(0, n)}…` : t);

/** The index row of an episode (see {@link INDEX_COLUMNS}); `search` holds the lower-cased answers the text search reads. */
export function indexRow(e: HtmlEpisode): Array<string | number | null> {
  const answers = [e.answer ?? '', ...(e.sampleResults ?? []).map((s) => s.answer ?? ''), e.error ?? ''].join('\n');
  return [e.id, e.taskId, e.point, resultOf(e), e.exitReason, e.difficulty ?? null, clip(e.answer ?? '', ANSWER_CHARS), e.tokens, e.calls, e.samples, clip(answers, 4 * ANSWER_CHARS).toLowerCase()];
}

/** What is embedded per episode for the detail view (everything but the row and the trajectory). */
export function detailOf(e: HtmlEpisode, hasTrajectory: boolean): Record<string, unknown> {
  return { reference: e.reference, answer: e.answer, vote: e.vote, error: e.error, samples: e.sampleResults, patch: e.patch, tests: e.tests, verdict: e.verdict, wallMs: e.wallMs, hasTrajectory };
}
