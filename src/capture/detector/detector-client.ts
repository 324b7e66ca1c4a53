/**
 * Starts face detection where it runs best: a module worker first (keeps the main thread free for the UI), the
 * main thread when the worker cannot run it, and reports 'unavailable' when neither can, so the element can
 * offer manual capture instead of a dead end. Each runtime is ready only once a real frame went through it
 * (proof-frame.ts); the order and the switch after a later failure are decided in runtime-chain.ts.
 */
import type { DetectorRuntime } from '../../events/index.js';
import type { AnalyzerOptions, FrameAnalysis, FromWorker, ToWorker } from './protocol.js';
import { probeWebGL } from './gl-probe.js';
import { proveAnalyzer } from './proof-frame.js';
import { runtimeChain, type Runtime, type RuntimeFallback } from './runtime-chain.js';
import { spawnDetectorWorker } from './spawn-worker.js';
import { detectorTestHooks } from './test-hooks.js';

export interface AnalyzedFrame {
  analysis: FrameAnalysis;
  /** The analysed frame, handed back for capture; the caller owns it and must close it. */
  bitmap: ImageBitmap;
}

export interface DetectorClient {
  readonly runtime: Exclude<DetectorRuntime, 'unavailable'>;
  readonly loadMs: number;
  /** The runtimes given up before this one. */
  readonly fallbacks: readonly RuntimeFallback[];
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
  /** Try only these runtimes, in order (the switch after a failure mid-guidance); default: the whole chain. */
  runtimes?: readonly Runtime[];
  initTimeoutMs?: number;
}

/** No runtime could start; `fallbacks` says what each one tried and why it was given up. */
export class DetectorUnavailableError extends Error {
  override readonly name = 'DetectorUnavailableError';
  constructor(readonly fallbacks: RuntimeFallback[]) {
    super(`face detection could not start: ${fallbacks.map((f) => `${f.runtime}: ${f.message}`).join('; ')}`);
  }
}

/** A runtime that could not start, with the reason the chain reports. */
class RuntimeStartError extends Error {
  constructor(
    readonly reason: RuntimeFallback['reason'],
    message: string,
  ) {
    super(message);
  }
}

/** The chain of the current browser: the worker where it can draw, then the main thread. */
export function detectorRuntimeChain(preferMainThread: boolean): Runtime[] {
  return runtimeChain({
    worker: typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined',
    preferMainThread,
  });
}

export async function startDetector(options: StartDetectorOptions): Promise<DetectorClient> {
  const { preferMainThread = false, runtimes, initTimeoutMs = 30_000, ...analyzerOptions } = options;
  const fallbacks: RuntimeFallback[] = [];
  for (const runtime of runtimes ?? detectorRuntimeChain(preferMainThread)) {
    try {
      const client =
        runtime === 'worker'
          ? await startWorkerDetector(analyzerOptions, initTimeoutMs)
          : await startMainThreadDetector(analyzerOptions);
      return Object.assign(client, { fallbacks });
    } catch (error) {
      const reason = error instanceof RuntimeStartError ? error.reason : 'load-failed';
      fallbacks.push({ runtime, reason, message: error instanceof Error ? error.message : String(error) });
    }
  }
  throw new DetectorUnavailableError(fallbacks);
}

/** Every analyze() failure of a ready detector counts as the detector failing: the caller may switch runtimes. */
function stoppedBy(error: unknown): DetectorStoppedError {
  if (error instanceof DetectorStoppedError) return error;
  return new DetectorStoppedError(
    `the detector failed on a frame: ${error instanceof Error ? error.message : String(error)}`,
    {
      cause: error,
    },
  );
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
        reject(new RuntimeStartError(message.reason, message.message));
      } else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (!waiter) {
          message.bitmap.close();
        } else if (message.type === 'result') {
          waiter.resolve({ analysis: message.analysis, bitmap: message.bitmap });
        } else {
          message.bitmap.close();
          waiter.reject(stoppedBy(new Error(message.message)));
        }
      }
    };
  });
  const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  const lifeLock = `liveness-detector-${crypto.randomUUID()}`;
  send({ type: 'init', options, lifeLock, noWebGL: detectorTestHooks().workerWebGL === false });
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
    fallbacks: [],
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
  const gl = probeWebGL(detectorTestHooks().mainThreadWebGL === false);
  if (!gl) throw new RuntimeStartError('no-webgl', 'no WebGL context on the page');
  const { createFrameAnalyzer } = await import('./analyzer.js');
  const analyzer = await createFrameAnalyzer(
    options,
    gl.surface === 'element' ? document.createElement('canvas') : undefined,
  );
  try {
    proveAnalyzer(analyzer);
  } catch (error) {
    analyzer.close();
    throw new RuntimeStartError('proof-failed', error instanceof Error ? error.message : String(error));
  }
  let closed = false;
  return {
    runtime: 'main-thread',
    fallbacks: [],
    loadMs: performance.now() - started,
    async analyze(bitmap, timestamp) {
      if (closed) {
        bitmap.close();
        throw new Error('detector closed');
      }
      try {
        return { analysis: analyzer.analyze(bitmap, timestamp), bitmap };
      } catch (error) {
        throw stoppedBy(error);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      analyzer.close();
    },
  };
}
