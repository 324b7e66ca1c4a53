/**
 * MediaPipe face detection plus the frame statistics the quality gates need, for one frame at a time. Runs in
 * the detector worker, or on the main thread when workers cannot be used.
 */
import { FaceDetector, type Detection } from '@mediapipe/tasks-vision';
import { computeFrameStats, FACE_CROP_SIZE, FRAME_STATS_WIDTH } from '../frame-stats.js';
import { selectFace } from '../../quality/face-selection.js';
import type { FaceDetection } from '../../quality/types.js';
import type { AnalyzerOptions, FrameAnalysis } from './protocol.js';
import { allowOnlyOrigins, isWorkerScope, refuseMediaPipeTelemetry } from './request-guard.js';
import { compileWasm, sharedWasmFactory } from './shared-wasm.js';
import {
  createLandmarkRunner,
  LANDMARKS_FAILED,
  LANDMARKS_OFF,
  type LandmarkRunner,
} from '../landmarks/landmark-runner.js';

type Canvas2D = OffscreenCanvasRenderingContext2D;

interface ModuleFactoryHost {
  ModuleFactory?: unknown;
}

export interface FrameAnalyzer {
  /**
   * `proof`: the synthetic frame that proves the pipeline before ready (proof-frame.ts). It must not start the
   * face landmarker, which loads only after the first camera frame so it never delays the first guidance.
   */
  analyze(bitmap: ImageBitmap, timestamp: number, proof?: boolean): FrameAnalysis;
  close(): void;
}

/** `glCanvas`: the canvas MediaPipe draws on, where its default (OffscreenCanvas) has no WebGL (see gl-probe.ts). */
export async function createFrameAnalyzer(
  options: AnalyzerOptions,
  glCanvas?: HTMLCanvasElement,
): Promise<FrameAnalyzer> {
  const { wasmLoaderUrl, wasmBinaryUrl, modelUrl, landmarkerUrl } = options.assets;
  const urls = [wasmLoaderUrl, wasmBinaryUrl, modelUrl, ...(landmarkerUrl ? [landmarkerUrl] : [])];
  if (isWorkerScope()) allowOnlyOrigins(urls.map((url) => new URL(url).origin));
  else refuseMediaPipeTelemetry();
  // MediaPipe's own loader injects a classic <script> on the main thread, which cannot run the ES-module WASM
  // loader we ship (the one module workers need). Importing the loader ourselves and passing an empty loader
  // path makes MediaPipe use the factory we installed, so one WASM build serves the worker and the fallback.
  // The binary's download and compile and the model's download start now, beside the loader's import, instead of
  // one after the other inside MediaPipe's setup: on a warm reload that setup is most of the wait.
  const compiling = compileWasm(wasmBinaryUrl);
  const model = fetchModel(modelUrl);
  // Neither is lost if the import fails first: the error reported is the import's.
  compiling.catch(() => undefined);
  model.catch(() => undefined);
  const loader = (await import(/* @vite-ignore */ options.assets.wasmLoaderUrl)) as { default: unknown };
  // Compiled once, for the face detector and, later, the face landmarker.
  const moduleFactory = sharedWasmFactory(loader.default, wasmBinaryUrl, compiling);
  (globalThis as ModuleFactoryHost).ModuleFactory = moduleFactory;
  const detector = await FaceDetector.createFromOptions(
    { wasmLoaderPath: '', wasmBinaryPath: options.assets.wasmBinaryUrl },
    {
      // The CPU (XNNPACK) delegate: BlazeFace is small, and the GPU delegate is several times slower per frame
      // wherever WebGL is emulated (SwiftShader), besides compiling its shaders at start.
      baseOptions: { modelAssetBuffer: await model, delegate: 'CPU' },
      ...(glCanvas ? { canvas: glCanvas } : {}),
      runningMode: 'VIDEO',
      minDetectionConfidence: options.minDetectionConfidence,
    },
  );
  const frameCanvas = new OffscreenCanvas(FRAME_STATS_WIDTH, FRAME_STATS_WIDTH);
  const cropCanvas = new OffscreenCanvas(FACE_CROP_SIZE, FACE_CROP_SIZE);
  const frameCtx = context2d(frameCanvas);
  const cropCtx = context2d(cropCanvas);
  let lastTimestamp = -1;
  const landmarks = startLandmarks(options, moduleFactory);

  return {
    analyze(bitmap, timestamp, proof = false) {
      const started = performance.now();
      // detectForVideo requires strictly increasing timestamps, and frame clocks can repeat.
      lastTimestamp = Math.max(Math.round(timestamp), lastTimestamp + 1);
      const result = detector.detectForVideo(bitmap, lastTimestamp);
      const faces = result.detections.map((d) => toFaceDetection(d, bitmap.width, bitmap.height));
      // Measure light and sharpness on the very face the gates will judge, not on a faint larger detection.
      // Where the proof frame's drawn face goes unfound, it measures a box in its middle instead, so the face-crop
      // path is compiled before the first camera frame either way.
      const face = selectFace(faces, options.minFaceScore) ?? (proof ? middleBox(bitmap) : null);
      const stats = measure(bitmap, face, frameCtx, cropCtx);
      const landmarkRun = proof
        ? { landmarks: { state: landmarks.state, measures: null }, ms: 0 }
        : landmarks.run(bitmap, timestamp, faces);
      const firstResultMs = landmarks.firstResultMs;
      return {
        faces,
        stats,
        inferenceMs: performance.now() - started,
        landmarks: landmarkRun.landmarks,
        landmarkMs: landmarkRun.ms,
        ...(firstResultMs !== null ? { landmarkFirstResultMs: firstResultMs } : {}),
      };
    },
    close() {
      landmarks.close();
      detector.close();
    },
  };
}

async function fetchModel(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`the face detection model could not be loaded (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The face landmarker, unless it is off; a failure to set it up only skips the landmark checks. */
function startLandmarks(options: AnalyzerOptions, moduleFactory: unknown): LandmarkRunner {
  const { landmarks } = options;
  if (!landmarks?.enabled || !options.assets.landmarkerUrl) return LANDMARKS_OFF;
  try {
    return createLandmarkRunner({
      modelUrl: options.assets.landmarkerUrl,
      wasmBinaryUrl: options.assets.wasmBinaryUrl,
      moduleFactory,
      minFaceScore: options.minFaceScore,
      minConfidence: landmarks.minConfidence,
    });
  } catch {
    return LANDMARKS_FAILED;
  }
}

function context2d(canvas: OffscreenCanvas): Canvas2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('OffscreenCanvas 2D context is unavailable');
  return ctx;
}

function toFaceDetection(detection: Detection, width: number, height: number): FaceDetection {
  const box = detection.boundingBox ?? { originX: 0, originY: 0, width: 0, height: 0 };
  return {
    score: detection.categories[0]?.score ?? 0,
    box: { x: box.originX, y: box.originY, width: box.width, height: box.height },
    // MediaPipe gives keypoints normalised to the frame; the gates work in pixels.
    keypoints: (detection.keypoints ?? []).map((k) => ({ x: k.x * width, y: k.y * height })),
  };
}

function measure(bitmap: ImageBitmap, face: FaceDetection | null, frameCtx: Canvas2D, cropCtx: Canvas2D) {
  const scale = FRAME_STATS_WIDTH / bitmap.width;
  const scaledHeight = Math.max(1, Math.round(bitmap.height * scale));
  frameCtx.canvas.height = scaledHeight;
  frameCtx.drawImage(bitmap, 0, 0, FRAME_STATS_WIDTH, scaledHeight);
  const frame = frameCtx.getImageData(0, 0, FRAME_STATS_WIDTH, scaledHeight);
  if (!face || face.box.width < 2 || face.box.height < 2) {
    return computeFrameStats({ data: frame.data, width: frame.width, height: frame.height }, null, null);
  }
  const { x, y, width, height } = clampBox(face.box, bitmap.width, bitmap.height);
  cropCtx.clearRect(0, 0, FACE_CROP_SIZE, FACE_CROP_SIZE);
  cropCtx.drawImage(bitmap, x, y, width, height, 0, 0, FACE_CROP_SIZE, FACE_CROP_SIZE);
  const crop = cropCtx.getImageData(0, 0, FACE_CROP_SIZE, FACE_CROP_SIZE);
  return computeFrameStats(
    { data: frame.data, width: frame.width, height: frame.height },
    { box: { x: x * scale, y: y * scale, width: width * scale, height: height * scale } },
    { data: crop.data, width: crop.width, height: crop.height },
  );
}

function middleBox(bitmap: ImageBitmap): FaceDetection {
  const side = Math.min(bitmap.width, bitmap.height) / 2;
  const box = { x: (bitmap.width - side) / 2, y: (bitmap.height - side) / 2, width: side, height: side };
  return { score: 1, box, keypoints: [] };
}

function clampBox(box: FaceDetection['box'], width: number, height: number) {
  const x = Math.max(0, Math.min(width - 1, box.x));
  const y = Math.max(0, Math.min(height - 1, box.y));
  return {
    x,
    y,
    width: Math.max(1, Math.min(width - x, box.width)),
    height: Math.max(1, Math.min(height - y, box.height)),
  };
}
