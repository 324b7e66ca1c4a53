/**
 * The 478-point face landmarker behind the `eyes-covered`, `eyes-closed` and `mouth-covered` checks. It loads
 * only once the face detector has produced its first result, so it never delays the first guidance, and then
 * runs on the frames `schedule.ts` lets through, in VIDEO mode (it tracks the face between runs).
 */
import { FaceLandmarker, type NormalizedLandmark } from '@mediapipe/tasks-vision';
import { eyeAspectRatio, EYE_POINTS } from '../../quality/eyes.js';
import { measureFaceCover } from '../../quality/face-cover.js';
import type { FaceDetection, FaceLandmarkMeasures, FrameLandmarks, LandmarkState, Point } from '../../quality/types.js';
import { landmarkFace, landmarksDue, type LandmarkGate } from './schedule.js';

/** The face crop the regions are measured on is at most this many pixels on its longer side. */
const MAX_CROP_SIDE = 256;
/** A landmarker not ready this long after its load began never will be: the checks are then skipped. */
const LOAD_TIMEOUT_MS = 30_000;
/** The crop reaches this share of the mesh's size beyond it, so the regions at its edge keep their pixels. */
const CROP_MARGIN = 0.05;

interface ModuleFactoryHost {
  ModuleFactory?: unknown;
}

export interface LandmarkRunnerOptions extends LandmarkGate {
  modelUrl: string;
  wasmBinaryUrl: string;
  /** The WASM loader's module factory: tasks-vision deletes `globalThis.ModuleFactory` after every create. */
  moduleFactory: unknown;
}

export interface LandmarkRun {
  landmarks: FrameLandmarks;
  /** Milliseconds the landmarker and the region measures took on this frame; 0 when it did not run. */
  ms: number;
}

export interface LandmarkRunner {
  readonly state: LandmarkState;
  /** Milliseconds from the start of loading to the first measurement; null until then. */
  readonly firstResultMs: number | null;
  /** Measures this frame when it is due; the caller's face detections decide whether it may. */
  run(bitmap: ImageBitmap, timestamp: number, faces: readonly FaceDetection[]): LandmarkRun;
  close(): void;
}

/** For integrators who turned face landmarks off (`face-landmarks="off"`): nothing loads, nothing runs. */
export const LANDMARKS_OFF: LandmarkRunner = inertRunner('off');

function inertRunner(state: 'off' | 'failed'): LandmarkRunner {
  return {
    state,
    firstResultMs: null,
    run: () => ({ landmarks: { state, measures: null }, ms: 0 }),
    close: () => undefined,
  };
}

/** The landmarker could not even be set up: the three checks are skipped, the detector goes on. */
export const LANDMARKS_FAILED: LandmarkRunner = inertRunner('failed');

export function createLandmarkRunner(options: LandmarkRunnerOptions): LandmarkRunner {
  const canvas = new OffscreenCanvas(1, 1);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  // Without a 2D context the regions cannot be measured: skip the checks rather than wait for ever.
  let state: LandmarkState = ctx ? 'loading' : 'failed';
  let landmarker: FaceLandmarker | null = null;
  let loadStartedAt: number | null = null;
  let firstResultMs: number | null = null;
  let lastRunAt: number | null = null;
  /** The last run's cost, except the first (warm-up) run's. */
  let lastCostMs = 0;
  let runs = 0;
  let lastTimestamp = -1;
  let closed = false;

  const load = async (): Promise<void> => {
    loadStartedAt = performance.now();
    (globalThis as ModuleFactoryHost).ModuleFactory = options.moduleFactory;
    const timeout = setTimeout(() => {
      if (state === 'loading') state = 'failed';
    }, LOAD_TIMEOUT_MS);
    try {
      const created = await FaceLandmarker.createFromOptions(
        { wasmLoaderPath: '', wasmBinaryPath: options.wasmBinaryUrl },
        {
          baseOptions: { modelAssetPath: options.modelUrl, delegate: 'CPU' },
          runningMode: 'VIDEO',
          numFaces: 1,
          // The bundle has no blendshapes model: asking for them makes the create fail.
          outputFaceBlendshapes: false,
          outputFacialTransformationMatrixes: false,
        },
      );
      clearTimeout(timeout);
      if (closed || state !== 'loading') {
        created.close();
        return;
      }
      landmarker = created;
      state = 'ready';
    } catch {
      // The other thirteen checks go on; the landmark checks are skipped (`failed`).
      clearTimeout(timeout);
      state = 'failed';
    }
  };

  return {
    get state() {
      return state;
    },
    get firstResultMs() {
      return firstResultMs;
    },
    run(bitmap, timestamp, faces) {
      if (state === 'loading' && loadStartedAt === null) {
        // After the frame that is being analysed has been answered: never on the path to a guidance.
        loadStartedAt = performance.now();
        setTimeout(() => void load(), 0);
      }
      const face = landmarkFace(faces, options);
      if (!landmarker || !ctx || state !== 'ready' || !face || !landmarksDue(lastRunAt, timestamp, lastCostMs)) {
        return { landmarks: { state, measures: null }, ms: 0 };
      }
      lastRunAt = timestamp;
      const started = performance.now();
      let measures: FaceLandmarkMeasures | null = null;
      try {
        // VIDEO mode needs strictly increasing timestamps, and frame clocks can repeat.
        lastTimestamp = Math.max(Math.round(timestamp), lastTimestamp + 1);
        const mesh = landmarker.detectForVideo(bitmap, lastTimestamp).faceLandmarks[0];
        if (mesh && mesh.length >= 468) measures = measureMesh(bitmap, mesh, ctx);
      } catch {
        state = 'failed';
        landmarker.close();
        landmarker = null;
        return { landmarks: { state, measures: null }, ms: performance.now() - started };
      }
      if (measures && firstResultMs === null && loadStartedAt !== null)
        firstResultMs = performance.now() - loadStartedAt;
      const ms = performance.now() - started;
      if (runs++ > 0) lastCostMs = ms;
      return { landmarks: { state, measures }, ms };
    },
    close() {
      closed = true;
      landmarker?.close();
      landmarker = null;
    },
  };
}

/** The eye ratios on the frame's pixels, and the region measures on a crop of the face at up to 256 px. */
function measureMesh(
  bitmap: ImageBitmap,
  normalised: readonly NormalizedLandmark[],
  ctx: OffscreenCanvasRenderingContext2D,
): FaceLandmarkMeasures {
  const mesh: Point[] = normalised.map((p) => ({ x: p.x * bitmap.width, y: p.y * bitmap.height }));
  const xs = mesh.map((p) => p.x);
  const ys = mesh.map((p) => p.y);
  const margin = CROP_MARGIN * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - margin));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - margin));
  const x1 = Math.min(bitmap.width, Math.ceil(Math.max(...xs) + margin));
  const y1 = Math.min(bitmap.height, Math.ceil(Math.max(...ys) + margin));
  const sourceWidth = Math.max(1, x1 - x0);
  const sourceHeight = Math.max(1, y1 - y0);
  // Never upscale: a smaller frame (one scaled down before analysis) is measured at the resolution it has.
  const scale = Math.min(1, MAX_CROP_SIDE / Math.max(sourceWidth, sourceHeight));
  const width = Math.max(1, Math.round(sourceWidth * scale));
  const height = Math.max(1, Math.round(sourceHeight * scale));
  ctx.canvas.width = width;
  ctx.canvas.height = height;
  ctx.drawImage(bitmap, x0, y0, sourceWidth, sourceHeight, 0, 0, width, height);
  const crop = ctx.getImageData(0, 0, width, height);
  const inCrop = mesh.map((p) => ({ x: (p.x - x0) * (width / sourceWidth), y: (p.y - y0) * (height / sourceHeight) }));
  return {
    eyeAspectRatioLeft: eyeAspectRatio(mesh, EYE_POINTS.left),
    eyeAspectRatioRight: eyeAspectRatio(mesh, EYE_POINTS.right),
    ...measureFaceCover({ data: crop.data, width: crop.width, height: crop.height }, inCrop),
  };
}
