/**
 * Warm-up: face detection loads (the WASM fetched and compiled, the model read) before the person presses start,
 * while they read the start screen or the page before the selfie step. At most one detector is kept warm; starting
 * with the same options takes it over, and a start while it is still loading joins that load instead of starting a
 * second one, so the files are fetched and compiled once. Nothing leaves the device: the files come from the
 * `assets` base and detection runs locally.
 */
import { DEFAULT_THRESHOLDS } from '../../quality/thresholds.js';
import { resolveAssets } from '../../assets.js';
import { startDetector, type DetectorClient, type StartDetectorOptions } from './detector-client.js';
import { detectorTestHooks } from './test-hooks.js';

/** MediaPipe drops detections below this; the gates apply their own, higher floor (`minDetectionScore`). */
export const DETECTOR_MIN_CONFIDENCE = 0.3;

export interface PreloadOptions {
  /** Base URL of the WASM and model files, as the element's `assets` attribute ('' or absent: the package's own). */
  assets?: string;
  /** The element's `thresholds.minDetectionScore`, when it overrides the default. */
  minDetectionScore?: number;
  /** As the element's `no-worker`: load on the main thread. */
  noWorker?: boolean;
  /** As the element's `face-landmarks` (default on): false never loads the face landmarker. */
  faceLandmarks?: boolean;
  /** The element's `thresholds.minConfidence`: the landmarker measures only faces at least this confident. */
  minConfidence?: number;
}

let warm: { key: string; client: Promise<DetectorClient> } | null = null;

function keyOf(options: StartDetectorOptions): string {
  const { assets, minDetectionConfidence, minFaceScore, preferMainThread = false, landmarks } = options;
  return JSON.stringify([
    // A test that takes WebGL away after the warm-up began must not be handed the detector loaded with it.
    detectorTestHooks(),
    landmarks?.enabled ?? false,
    landmarks?.minConfidence,
    assets.landmarkerUrl,
    assets.wasmLoaderUrl,
    assets.wasmBinaryUrl,
    assets.modelUrl,
    minDetectionConfidence,
    minFaceScore,
    preferMainThread,
  ]);
}

/** The detector options for the element's settings (one source for the warm-up and the start). */
export function detectorOptions(options: PreloadOptions = {}): StartDetectorOptions {
  return {
    assets: resolveAssets(options.assets),
    minDetectionConfidence: DETECTOR_MIN_CONFIDENCE,
    minFaceScore: options.minDetectionScore ?? DEFAULT_THRESHOLDS.minDetectionScore,
    preferMainThread: options.noWorker ?? false,
    landmarks: {
      enabled: options.faceLandmarks ?? true,
      minConfidence: options.minConfidence ?? DEFAULT_THRESHOLDS.minConfidence,
    },
  };
}

/** Starts loading a detector for `options` unless one is already warm or loading for them; another is closed. */
export function warmDetector(options: StartDetectorOptions): Promise<DetectorClient> {
  const key = keyOf(options);
  if (warm?.key === key) return warm.client;
  dropWarmDetector();
  const client = startDetector(options);
  const entry = { key, client };
  warm = entry;
  // A failed warm-up is forgotten: the start then loads (and reports the failure) itself.
  client.catch(() => {
    if (warm === entry) warm = null;
  });
  return client;
}

/**
 * The detector to guide with: the warm one (joining its load if it is still running) when it was started for the
 * same options, otherwise a new load. The warm-up hands its detector over once: the caller owns it.
 */
export function startOrJoinDetector(options: StartDetectorOptions): Promise<DetectorClient> {
  const entry = warm?.key === keyOf(options) ? warm : null;
  if (!entry) return startDetector(options);
  warm = null;
  return entry.client.catch(() => startDetector(options));
}

/** Closes the warm detector nobody took (or will close it once its load finishes). */
export function dropWarmDetector(): void {
  const entry = warm;
  warm = null;
  entry?.client.then((client) => client.close()).catch(() => undefined);
}

/** Whether the person asked the browser to save data (`navigator.connection.saveData`). */
export function prefersSavingData(): boolean {
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  return connection?.saveData === true;
}

/**
 * Loads face detection now, for a `<liveness-check>` the page shows later (e.g. on the page before the selfie
 * step): the element then starts guiding as soon as the camera plays. Pass the element's `assets`, `no-worker`
 * and `minDetectionScore` threshold if it sets them, or the element loads again. Resolves once detection is ready;
 * rejects when it cannot load (the element then reports it, as without a preload). Unlike the element's own
 * warm-up it does not check `saveData`: calling it is the page's decision.
 */
export async function preloadLivenessAssets(options: PreloadOptions = {}): Promise<void> {
  await warmDetector(detectorOptions(options));
}
