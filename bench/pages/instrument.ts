/**
 * Page-side measurement hooks, installed before the widget loads and changing nothing it does:
 * - a Long Tasks observer (main-thread tasks over 50 ms);
 * - a `Worker` subclass that watches the detector worker's messages. The widget posts `{ type: 'frame', id }`
 *   and gets `{ type: 'result', id, analysis: { faces, inferenceMs } }` back (src/capture/detector/protocol.ts);
 *   timing those two messages gives the per-frame round trip and the worker's own detection time without any
 *   hook in the widget's source. If that protocol changes the bench sees no frames and fails loudly.
 */
import type { FrameSample, LongTaskSample } from './protocol.js';

export interface Instrumentation {
  longTasks: LongTaskSample[];
  frames: FrameSample[];
}

/** Long-task entries reach observers a little after the task ends. */
const LONG_TASK_SETTLE_MS = 250;

/** Starts collecting long tasks into `into`; the returned function waits for late entries and collects them. */
export function observeLongTasks(into: LongTaskSample[]): () => Promise<void> {
  const collect = (entries: PerformanceEntryList): void => {
    for (const entry of entries) into.push({ startTime: entry.startTime, duration: entry.duration });
  };
  const observer = new PerformanceObserver((list) => collect(list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, LONG_TASK_SETTLE_MS));
    collect(observer.takeRecords());
  };
}

export function instrumentDetectorWorker(frames: FrameSample[]): void {
  const NativeWorker = window.Worker;
  const sent = new Map<number, number>();

  class ObservedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (event: MessageEvent<unknown>) => {
        const now = performance.now();
        const data = event.data as {
          type?: unknown;
          id?: unknown;
          analysis?: {
            inferenceMs?: unknown;
            faces?: unknown;
            landmarkMs?: unknown;
            landmarkFirstResultMs?: unknown;
            landmarks?: { measures?: unknown };
          };
        };
        if (data?.type !== 'result' || typeof data.id !== 'number') return;
        const sentAt = sent.get(data.id);
        sent.delete(data.id);
        if (sentAt === undefined) return;
        frames.push({
          sentAt,
          roundTripMs: now - sentAt,
          inferenceMs: typeof data.analysis?.inferenceMs === 'number' ? data.analysis.inferenceMs : null,
          faces: Array.isArray(data.analysis?.faces) ? data.analysis.faces.length : null,
          receivedAt: now,
          landmarkMs: typeof data.analysis?.landmarkMs === 'number' ? data.analysis.landmarkMs : null,
          landmarkMeasured: Boolean(data.analysis?.landmarks?.measures),
          landmarkFirstResultMs:
            typeof data.analysis?.landmarkFirstResultMs === 'number' ? data.analysis.landmarkFirstResultMs : null,
        });
      });
    }

    override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
      const data = message as { type?: unknown; id?: unknown };
      if (data?.type === 'frame' && typeof data.id === 'number') sent.set(data.id, performance.now());
      if (Array.isArray(transfer)) super.postMessage(message, transfer);
      else super.postMessage(message, transfer);
    }
  }

  window.Worker = ObservedWorker;
}
