/**
 * Lets a webhook cut a poll's wait short. The webhook body is never trusted: a notification only makes the waiting
 * poll re-read the analysis from Oz at once. A notification that arrives while no poll is waiting (e.g. between two
 * reads) is remembered, so the next wait ends immediately instead of missing it.
 */

interface Watch {
  notified: boolean;
  wakers: Set<() => void>;
}

export class AnalysisWakeups {
  readonly #watches = new Map<string, Watch>();

  /** Start accepting notifications for an analysis; unknown ids are ignored so stray webhooks cannot pile up. */
  watch(analysisId: string): void {
    if (!this.#watches.has(analysisId)) this.#watches.set(analysisId, { notified: false, wakers: new Set() });
  }

  unwatch(analysisId: string): void {
    this.#watches.delete(analysisId);
  }

  notify(analysisId: string): void {
    const watch = this.#watches.get(analysisId);
    if (!watch) return;
    if (watch.wakers.size === 0) watch.notified = true;
    for (const wake of watch.wakers) wake();
  }

  /** Waits `ms`, or less when notified; rejects with the signal's reason on abort. */
  wait(analysisId: string, ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const watch = this.#watches.get(analysisId);
    if (watch?.notified) {
      watch.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        watch?.wakers.delete(wake);
      };
      const wake = (): void => {
        finish();
        resolve();
      };
      const onAbort = (): void => {
        finish();
        reject(signal.reason);
      };
      const timer = setTimeout(wake, ms);
      signal.addEventListener('abort', onAbort, { once: true });
      watch?.wakers.add(wake);
    });
  }
}
