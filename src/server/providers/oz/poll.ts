/**
 * Polls one analysis until it leaves INITIAL/PROCESSING (§1.5), with a growing delay between reads and an overall
 * deadline. Waits can be cut short by a webhook notification (wakeups.ts).
 */
import { ProviderError } from '../types.js';
import { isPending, readAnalysisStatus } from './decision.js';
import type { OzAnalysis } from './types.js';
import type { AnalysisWakeups } from './wakeups.js';

export interface PollOptions {
  analysisId: string;
  /** Delay before the first read; later delays grow x1.5 up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Epoch milliseconds after which no more reads are made. */
  deadlineAt: number;
  now: () => number;
  signal: AbortSignal;
  wakeups: AnalysisWakeups;
  onRead?: (status: string, read: number) => void;
  /** Called once per poll with the first status outside the documented list; polling goes on until the deadline. */
  onUnknownStatus?: (status: string) => void;
}

export const POLL_BACKOFF_FACTOR = 1.5;

export async function pollUntilFinal(read: () => Promise<OzAnalysis>, options: PollOptions): Promise<OzAnalysis> {
  const cap = Math.max(options.maxDelayMs, options.firstDelayMs);
  let delay = options.firstDelayMs;
  let unknownLogged = false;
  for (let reads = 1; ; reads++) {
    const remaining = options.deadlineAt - options.now();
    if (remaining <= 0) {
      const message = `Oz analysis ${options.analysisId} not final before the deadline`;
      throw new ProviderError('oz', 'provider-timeout', message, { retryable: true });
    }
    await options.wakeups.wait(options.analysisId, Math.min(delay, remaining), options.signal);
    const analysis = await read();
    const status = readAnalysisStatus(analysis);
    if (typeof status === 'object') {
      // Undocumented, so not known to be final: keep polling until the deadline, and say so once.
      options.onRead?.(status.unknown, reads);
      if (!unknownLogged) options.onUnknownStatus?.(status.unknown);
      unknownLogged = true;
    } else {
      options.onRead?.(status, reads);
      if (!isPending(status)) return analysis;
    }
    delay = Math.min(delay * POLL_BACKOFF_FACTOR, cap);
  }
}
