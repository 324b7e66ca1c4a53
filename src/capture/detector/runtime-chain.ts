/**
 * Where face detection may run, in order of preference, and where it goes when the runtime in use fails. Pure
 * decisions: the client probes the capabilities and acts on the answer.
 */
export type Runtime = 'worker' | 'main-thread';

export interface RuntimeCapabilities {
  /** Module workers and OffscreenCanvas exist (a worker has nothing to draw on without the latter). */
  worker: boolean;
  /** The integrator (or a CSP without workers) asked for the main thread. */
  preferMainThread: boolean;
}

/** A runtime that was tried and given up, and why: reported with `liveness-ready`. */
export interface RuntimeFallback {
  runtime: Runtime;
  /** `no-webgl`: the GL probe found no context (no WASM was loaded); `load-failed`; `proof-failed`: the first frame failed. */
  reason: 'no-webgl' | 'load-failed' | 'proof-failed' | 'failed-later';
  message: string;
}

/** The runtimes to try at start, best first. The main thread is always the last resort. */
export function runtimeChain(capabilities: RuntimeCapabilities): Runtime[] {
  return !capabilities.preferMainThread && capabilities.worker ? ['worker', 'main-thread'] : ['main-thread'];
}

/**
 * After the ready runtime `failed` stopped mid-guidance: the next runtime to switch to, or null. A capture switches
 * at most once (`switched`), so a detector that keeps failing ends in manual capture instead of a reload loop.
 */
export function nextRuntime(chain: readonly Runtime[], failed: Runtime, switched: boolean): Runtime | null {
  if (switched) return null;
  const index = chain.indexOf(failed);
  return index >= 0 ? (chain[index + 1] ?? null) : null;
}
