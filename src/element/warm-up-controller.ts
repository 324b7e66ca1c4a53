/**
 * Loads face detection while the person reads the start screen: once the element is on screen (an
 * IntersectionObserver says so) and the browser is idle, the worker fetches and compiles the WASM and reads the
 * model, so pressing start joins a load that is done or under way (see capture/detector/preload.ts). Skipped with
 * `preload="none"`, when the browser asks to save data, and with `no-worker` (compiling on the main thread would
 * make the start screen stutter).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { detectorOptions, dropWarmDetector, prefersSavingData, warmDetector } from '../capture/detector/preload.js';
import type { LivenessPhase } from './phase.js';
import { checkSetup, type Setup } from './setup.js';

export type PreloadPolicy = 'auto' | 'none';

export interface WarmUpHost extends ReactiveControllerHost, Element, Setup {
  readonly preload: PreloadPolicy;
  readonly assets: string;
  readonly noWorker: boolean;
  readonly faceLandmarks: 'on' | 'off';
  readonly phase: LivenessPhase;
}

/** The idle callback waits at most this long, so a busy page still warms up soon. */
const IDLE_TIMEOUT_MS = 1_000;

export class WarmUpController implements ReactiveController {
  private observer: IntersectionObserver | null = null;
  private idle: (() => void) | null = null;
  private started = false;

  constructor(private readonly host: WarmUpHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.watch();
  }

  hostUpdated(): void {
    // `preload` may switch to auto after the element was connected.
    if (!this.observer && !this.started) this.watch();
  }

  hostDisconnected(): void {
    this.unwatch();
    // A warm detector nobody will take holds the WASM heap: free it unless the element comes straight back.
    if (this.started) {
      this.started = false;
      queueMicrotask(() => {
        if (!this.host.isConnected) dropWarmDetector();
      });
    }
  }

  private watch(): void {
    if (!this.wanted() || typeof IntersectionObserver === 'undefined') return;
    this.observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      this.unwatch();
      this.idle = whenIdle(() => this.warm());
    });
    this.observer.observe(this.host);
  }

  private unwatch(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.idle?.();
    this.idle = null;
  }

  private wanted(): boolean {
    return this.host.preload !== 'none' && !this.host.noWorker && !prefersSavingData() && this.host.phase === 'intro';
  }

  private warm(): void {
    this.idle = null;
    if (!this.wanted()) return;
    const thresholds = checkSetup(this.host);
    // A setup error is reported when the person presses start; nothing worth loading for it now.
    if (thresholds instanceof Error) return;
    this.started = true;
    warmDetector(
      detectorOptions({
        assets: this.host.assets,
        minDetectionScore: thresholds.minDetectionScore,
        minConfidence: thresholds.minConfidence,
        faceLandmarks: this.host.faceLandmarks !== 'off',
        noWorker: this.host.noWorker,
      }),
    ).catch(() => undefined);
  }
}

/** Runs `work` when the main thread is idle (or after a short wait); returns a cancel function. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
}
