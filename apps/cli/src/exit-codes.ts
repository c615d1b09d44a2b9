/**
 * The one table of exit codes (the README and `--help` repeat it):
 * 0 a complete, clean run; 1 a run with error episodes, a run stopped because the endpoint went down, or an infra
 * failure; 2 bad flags, config, data or paths, or an endpoint that cannot be reached or lacks the model (nothing ran);
 * 3 stopped by a run budget (`--max-run-tokens`, `--max-run-cost`): the outputs are marked partial; 130 cancelled
 * (the outputs are marked partial).
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, budget: 3, cancelled: 130 } as const;

/** The exit-code paragraph of `--help`. */
export const EXIT_HELP = `
Exit codes:
  0    a complete, clean run
  1    a run with error episodes, or stopped because the endpoint went down (resumable), or an infra failure
  2    bad flags, config, data or paths, or an unreachable endpoint or unknown model (nothing ran)
  3    stopped by --max-run-tokens / --max-run-cost (outputs are marked PARTIAL RUN; resumable)
  130  cancelled (Ctrl-C; outputs are marked PARTIAL RUN; resumable)`;
