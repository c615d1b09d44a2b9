/** Counts error messages so the end of a run can show the few that matter, with how often each occurred. */
export class ErrorTally {
  private readonly counts = new Map<string, number>();

  add(message: string): void {
    // Retry counts and ids vary between otherwise identical failures; fold them so one cause is one line.
    const key = message.replace(/ \(gave up after \d+ attempts\)/, '');
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The `n` most frequent messages, most frequent first. */
  top(n: number): Array<{ message: string; count: number }> {
    return [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([message, count]) => ({ message, count }));
  }
}
