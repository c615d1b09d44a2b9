/** The reason an aborted signal carries (an `AbortError` DOMException unless the caller gave one). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Sleeps `ms`, rejecting with the abort reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `task` (which calls `onStart` once it leaves a queue), rejecting with the abort reason when `signal`
 * aborts while it is still queued. Once started, the task handles the abort itself: a stream aborted after
 * tokens arrived returns its partial output instead of failing.
 */
export function whileQueued<T>(signal: AbortSignal | undefined, task: (onStart: () => void) => Promise<T>): Promise<T> {
  let started = false;
  const running = task(() => {
    started = true;
  });
  if (!signal) return running;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      if (!started) reject(abortReason(signal));
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    running.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
