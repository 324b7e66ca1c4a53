/**
 * The baseline page: what a BlazeFace-on-TensorFlow.js widget (AWS Amplify's FaceLivenessDetector runs
 * BlazeFace on tfjs with its WASM backend) does per frame, with @vladmandic/human configured for face detection
 * only. It opens the camera with the widget's constraints, loads the model, then detects on every new video frame,
 * never overlapping (like the widget's frame loop), on the main thread as that widget does.
 *
 * Query: scenario (load | steady), backend (wasm | cpu), human (module URL), models, wasm, windowMs, timeoutMs.
 */
import { publishResult, startBenchPage } from './page-setup.js';
import type { PageResult } from './protocol.js';

interface HumanResult {
  face: unknown[];
}
interface HumanInstance {
  load(): Promise<void>;
  init(): Promise<void>;
  detect(input: HTMLVideoElement): Promise<HumanResult>;
  tf: { getBackend(): string };
}
type HumanConstructor = new (config: Record<string, unknown>) => HumanInstance;

const { params, scenario, windowMs, timeoutMs, marks, result, settleLongTasks } = startBenchPage();
publishResult(result, run());

function humanConfig(): Record<string, unknown> {
  const off = { enabled: false };
  return {
    backend: params.get('backend') ?? 'wasm',
    wasmPath: params.get('wasm') ?? '/vendor/tfjs-wasm/',
    modelBasePath: params.get('models') ?? '/vendor/human-models/',
    // Load over HTTP every time (no IndexedDB copy), so warm loads measure the HTTP cache like the widget's.
    cacheModels: false,
    debug: false,
    async: true,
    warmup: 'none',
    // Human skips inference on frames that barely changed; a still test clip would then measure nothing.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: off,
    gesture: off,
    face: {
      enabled: true,
      detector: {
        enabled: true,
        modelPath: 'blazeface.json',
        rotation: false,
        maxDetected: 1,
        skipFrames: 0,
        skipTime: 0,
        return: false,
      },
      mesh: off,
      attention: off,
      iris: off,
      emotion: off,
      description: off,
      antispoof: off,
      liveness: off,
    },
    body: off,
    hand: off,
    object: off,
    segmentation: off,
  };
}

async function run(): Promise<PageResult> {
  const module = (await import(/* @vite-ignore */ params.get('human') ?? '/vendor/human/human.esm.js')) as {
    Human: HumanConstructor;
  };
  marks.moduleLoaded = performance.now();
  marks.connected = performance.now();

  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  document.body.append(video);
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 }, facingMode: 'user' },
    audio: false,
  });
  video.srcObject = stream;
  await video.play();
  marks.cameraPlaying = performance.now();

  const human = new module.Human(humanConfig());
  await human.init();
  await human.load();
  marks.detectorReady = performance.now();
  result.runtime = human.tf.getBackend();

  try {
    await detectLoop(human, video);
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
  await settleLongTasks();
  result.ok = true;
  return result;
}

function detectLoop(human: HumanInstance, video: HTMLVideoElement): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => stop(new Error(`${scenario}: no result within ${timeoutMs} ms`)), timeoutMs);
    let running = true;
    let lastMediaTime = -1;
    const stop = (error?: Error): void => {
      running = false;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const onFrame = async (mediaTime: number): Promise<void> => {
      if (mediaTime === lastMediaTime) return;
      lastMediaTime = mediaTime;
      const sentAt = performance.now();
      const detected = await human.detect(video);
      const now = performance.now();
      result.frames.push({
        sentAt,
        roundTripMs: now - sentAt,
        inferenceMs: null,
        faces: detected.face.length,
        receivedAt: now,
        landmarkMs: null,
        landmarkMeasured: false,
        landmarkFirstResultMs: null,
      });
      if (marks.firstGuidance === undefined) {
        marks.firstGuidance = now;
        if (scenario === 'load') return stop();
        setTimeout(() => {
          result.window = { start: now, end: performance.now() };
          stop();
        }, windowMs);
      }
      if (detected.face.length > 0) marks.firstFace ??= now;
    };
    const schedule = (): void => {
      if (!running) return;
      video.requestVideoFrameCallback((_now, metadata) => {
        onFrame(metadata.mediaTime).then(schedule, (error: unknown) =>
          stop(error instanceof Error ? error : new Error(String(error))),
        );
      });
    };
    schedule();
  });
}
