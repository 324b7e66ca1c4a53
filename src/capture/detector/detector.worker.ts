/// <reference lib="webworker" />
/**
 * Runs face detection off the main thread: frames arrive as transferred ImageBitmaps and go back the same way,
 * so the page keeps the pixels of the frame it may capture without copying them.
 */
import { createFrameAnalyzer, type FrameAnalyzer } from './analyzer.js';
import { probeWebGL } from './gl-probe.js';
import { proveAnalyzer } from './proof-frame.js';
import type { FromWorker, ToWorker } from './protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let analyzer: FrameAnalyzer | null = null;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/**
 * Takes the lock and never lets go: the browser releases it when this worker ends, however it ends (terminated,
 * crashed, killed for memory), which is the page's only reliable sign of a worker that died without an error.
 */
async function holdLifeLock(name: string): Promise<boolean> {
  const locks = scope.navigator.locks as LockManager | undefined;
  if (!locks) return false;
  try {
    return await new Promise<boolean>((resolve, reject) => {
      locks
        .request(name, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          return lock ? new Promise<never>(() => undefined) : undefined;
        })
        .catch(reject);
    });
  } catch {
    return false;
  }
}

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init': {
      const started = performance.now();
      // Before any WASM download: without WebGL here, MediaPipe would load and then fail on the first frame.
      if (!probeWebGL(message.noWebGL)) {
        post({ type: 'init-error', reason: 'no-webgl', message: 'no WebGL context in the detector worker' });
        return;
      }
      try {
        analyzer = await createFrameAnalyzer(message.options);
      } catch (error) {
        post({
          type: 'init-error',
          reason: 'load-failed',
          message: error instanceof Error ? error.message : String(error),
        });
        return;
      }
      try {
        proveAnalyzer(analyzer);
        const holdsLifeLock = await holdLifeLock(message.lifeLock);
        post({ type: 'ready', loadMs: performance.now() - started, holdsLifeLock });
      } catch (error) {
        analyzer.close();
        analyzer = null;
        post({
          type: 'init-error',
          reason: 'proof-failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
      return;
    }
    case 'frame': {
      const { id, bitmap, timestamp } = message;
      if (!analyzer) {
        post({ type: 'frame-error', id, message: 'detector not ready', bitmap }, [bitmap]);
        return;
      }
      try {
        const analysis = analyzer.analyze(bitmap, timestamp);
        post({ type: 'result', id, analysis, bitmap }, [bitmap]);
      } catch (error) {
        post({ type: 'frame-error', id, message: error instanceof Error ? error.message : String(error), bitmap }, [
          bitmap,
        ]);
      }
      return;
    }
    case 'close':
      analyzer?.close();
      analyzer = null;
      scope.close();
      return;
  }
};
