/** Exit codes: 0 ok, 1 a run with error episodes or an infra failure, 2 bad flags/config/data (nothing was run), 130 cancelled. */
export const EXIT = { ok: 0, failure: 1, usage: 2, cancelled: 130 } as const;
