/**
 * Loads face detection for the element and owns the loaded detector. Loading starts while the camera
 * permission prompt is open, so the WASM download and compile overlap the person's decision instead of
 * following it; whoever waits for it gets nothing once the load was cancelled, and a detector that finishes
 * loading after that is closed at once.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DetectorClient } from '../capture/detector/detector-client.js';
import { detectorOptions, startOrJoinDetector } from '../capture/detector/preload.js';
import type { DetectorRuntime } from '../events/index.js';

export interface DetectorLoad {
  /** Base URL of the WASM and model files ('' for the package's own). */
  assets: string;
  /** The gates' floor for counting a detection as a face. */
  minFaceScore: number;
  /** The gates' `minConfidence`: the face landmarker measures only faces at least this confident. */
  minConfidence: number;
  /** Load the face landmarker after the first guidance (the eye and mouth checks); false skips it. */
  faceLandmarks: boolean;
  preferMainThread: boolean;
}

export type DetectorOutcome = { client: DetectorClient } | { error: unknown };

export class DetectorController implements ReactiveController {
  /** The loaded detector, once settle() handed it out; null before, after close() and when detection failed. */
  client: DetectorClient | null = null;
  /** Where detection runs, once settled; null while loading. */
  runtime: DetectorRuntime | null = null;

  private loading: { abort: AbortController; outcome: Promise<DetectorOutcome> } | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Starts loading now; settle() collects the result. Any earlier detector or load is dropped. */
  load(options: DetectorLoad): void {
    this.reset();
    const abort = new AbortController();
    // Joins the warm-up (WarmUpController, preloadLivenessAssets) when it loads for the same settings.
    const outcome = startOrJoinDetector(
      detectorOptions({
        assets: options.assets,
        minDetectionScore: options.minFaceScore,
        minConfidence: options.minConfidence,
        faceLandmarks: options.faceLandmarks,
        noWorker: options.preferMainThread,
      }),
    ).then(
      (client): DetectorOutcome => {
        if (abort.signal.aborted) client.close();
        return { client };
      },
      (error: unknown): DetectorOutcome => ({ error }),
    );
    this.loading = { abort, outcome };
    this.host.requestUpdate();
  }

  /** Waits for the load; null when it was cancelled meanwhile. A failed load leaves the runtime 'unavailable'. */
  async settle(): Promise<DetectorOutcome | null> {
    const loading = this.loading;
    if (!loading) return null;
    const outcome = await loading.outcome;
    if (loading.abort.signal.aborted) {
      // Cancelled between the load resolving and this wait resuming: nobody else will close it.
      if ('client' in outcome) outcome.client.close();
      return null;
    }
    this.loading = null;
    this.client = 'client' in outcome ? outcome.client : null;
    this.runtime = this.client?.runtime ?? 'unavailable';
    this.host.requestUpdate();
    return outcome;
  }

  /** Detection stopped for good in this attempt (its worker died): guidance is no longer available. */
  lost(): void {
    this.client?.close();
    this.client = null;
    this.runtime = 'unavailable';
    this.host.requestUpdate();
  }

  /** A new attempt: nothing loaded yet. */
  reset(): void {
    this.close();
    this.runtime = null;
  }

  /** Cancels a load in progress and closes the detector (the runtime stays, for the screen still showing). */
  close(): void {
    this.loading?.abort.abort();
    this.loading = null;
    this.client?.close();
    this.client = null;
  }
}
