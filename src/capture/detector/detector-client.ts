/**
 * Starts face detection where it runs best: a module worker first (keeps the main thread free for the UI), the
 * main thread when workers or OffscreenCanvas in workers are unavailable, and reports 'unavailable' when
 * neither can load, so the element can offer manual capture instead of a dead end.
 */
import type { DetectorRuntime } from '../../events/index.js';
import type { AnalyzerOptions, FrameAnalysis, FromWorker, ToWorker } from './protocol.js';
import { spawnDetectorWorker } from './spawn-worker.js';

export interface AnalyzedFrame {
  analysis: FrameAnalysis;
  /** The analysed frame, handed back for capture; the caller owns it and must close it. */
  bitmap: ImageBitmap;
}

export interface DetectorClient {
  readonly runtime: Exclude<DetectorRuntime, 'unavailable'>;
  readonly loadMs: number;
  analyze(bitmap: ImageBitmap, timestamp: number): Promise<AnalyzedFrame>;
  close(): void;
}

/**
 * The detector stopped for good (its worker crashed, was terminated or sent a message that cannot be read): this
 * and every later analyze() rejects with it, so the caller can stop guiding instead of waiting for ever.
 */
export class DetectorStoppedError extends Error {
  override readonly name = 'DetectorStoppedError';
}

export interface StartDetectorOptions extends AnalyzerOptions {
  /** Skip the worker (tests, or hosts whose CSP forbids workers). */
  preferMainThread?: boolean;
  initTimeoutMs?: number;
}

export async function startDetector(options: StartDetectorOptions): Promise<DetectorClient> {
  const { preferMainThread = false, initTimeoutMs = 30_000, ...analyzerOptions } = options;
  let workerError: unknown = null;
  if (!preferMainThread && typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined') {
    try {
      return await startWorkerDetector(analyzerOptions, initTimeoutMs);
    } catch (error) {
      workerError = error;
    }
  }
  try {
    return await startMainThreadDetector(analyzerOptions);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const first = workerError instanceof Error ? ` (worker: ${workerError.message})` : '';
    throw new Error(`face detection could not start: ${reason}${first}`, { cause: error });
  }
}

async function startWorkerDetector(options: AnalyzerOptions, initTimeoutMs: number): Promise<DetectorClient> {
  const started = performance.now();
  const worker = spawnDetectorWorker();
  const pending = new Map<number, { resolve: (frame: AnalyzedFrame) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closed = false;

  const ready = new Promise<boolean>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('detector worker did not start in time')), initTimeoutMs);
    worker.onerror = (event) => {
      clearTimeout(timer);
      reject(new Error(event.message || 'detector worker failed to load'));
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.holdsLifeLock);
      } else if (message.type === 'init-error') {
        clearTimeout(timer);
        reject(new Error(message.message));
      } else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (!waiter) {
          message.bitmap.close();
        } else if (message.type === 'result') {
          waiter.resolve({ analysis: message.analysis, bitmap: message.bitmap });
        } else {
          message.bitmap.close();
          waiter.reject(new Error(message.message));
        }
      }
    };
  });
  const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  const lifeLock = `liveness-detector-${crypto.randomUUID()}`;
  send({ type: 'init', options, lifeLock });
  let holdsLifeLock: boolean;
  try {
    holdsLifeLock = await ready;
  } catch (error) {
    worker.terminate();
    throw error;
  }

  let stopped: DetectorStoppedError | null = null;
  const watch = new AbortController();
  const stop = (error: DetectorStoppedError) => {
    if (closed || stopped) return;
    stopped = error;
    watch.abort();
    worker.terminate();
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    stop(new DetectorStoppedError(`the detector worker failed: ${event.message || 'an uncaught error'}`));
  };
  worker.onmessageerror = () =>
    stop(new DetectorStoppedError('the detector worker sent a message that cannot be read'));
  // Termination fires no event on the Worker: the lock the worker held is granted to us only once it is gone.
  if (holdsLifeLock && navigator.locks) {
    navigator.locks
      .request(lifeLock, { signal: watch.signal }, () => stop(new DetectorStoppedError('the detector worker stopped')))
      .catch(() => undefined);
  }
  return {
    runtime: 'worker',
    loadMs: performance.now() - started,
    analyze(bitmap, timestamp) {
      if (closed || stopped) {
        bitmap.close();
        return Promise.reject(stopped ?? new Error('detector closed'));
      }
      const id = nextId++;
      return new Promise<AnalyzedFrame>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ type: 'frame', id, timestamp, bitmap }, [bitmap]);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      watch.abort();
      if (stopped) return;
      send({ type: 'close' });
      // Give the worker a moment to free the WASM heap, then make sure it is gone.
      setTimeout(() => worker.terminate(), 500);
      for (const waiter of pending.values()) waiter.reject(new Error('detector closed'));
      pending.clear();
    },
  };
}

async function startMainThreadDetector(options: AnalyzerOptions): Promise<DetectorClient> {
  const started = performance.now();
  const { createFrameAnalyzer } = await import('./analyzer.js');
  const analyzer = await createFrameAnalyzer(options);
  let closed = false;
  return {
    runtime: 'main-thread',
    loadMs: performance.now() - started,
    async analyze(bitmap, timestamp) {
      if (closed) {
        bitmap.close();
        throw new Error('detector closed');
      }
      return { analysis: analyzer.analyze(bitmap, timestamp), bitmap };
    },
    close() {
      if (closed) return;
      closed = true;
      analyzer.close();
    },
  };
}
