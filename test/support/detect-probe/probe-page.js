// Runs in Chromium against the fake camera: detects faces on consecutive camera frames with the same
// MediaPipe build, model and options the widget uses, and leaves the measurements in `window.__probeResult`
// for the Node driver (run-probe.ts). Plain JS because the probe's static server serves files as they are.
import { FaceDetector } from '@mediapipe/tasks-vision';

const params = new URLSearchParams(location.search);
const sampleCount = Number(params.get('samples') ?? '10');
const sampleGapMs = Number(params.get('gap') ?? '70');
// The widget's default; lower it to see how close a no-face scene comes to being detected.
const minDetectionConfidence = Number(params.get('minConfidence') ?? '0.3');
/** Face crops are rescaled to this square before the Laplacian, so sharpness does not depend on face size. */
const SHARPNESS_SIZE = 128;

function luma(data, i) {
  return 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
}

function nextVideoFrame(video) {
  return new Promise((resolve) => video.requestVideoFrameCallback(() => resolve()));
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Variance of the 4-neighbour Laplacian over a grey image (the usual focus measure). */
function laplacianVariance(grey, width, height) {
  let sum = 0;
  let sumSquares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value = grey[i - 1] + grey[i + 1] + grey[i - width] + grey[i + width] - 4 * grey[i];
      sum += value;
      sumSquares += value * value;
      count++;
    }
  }
  const mean = sum / count;
  return sumSquares / count - mean * mean;
}

function frameStats(video, box) {
  const { videoWidth: width, videoHeight: height } = video;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(video, 0, 0);
  const { data } = context.getImageData(0, 0, width, height);
  let frameSum = 0;
  let faceSum = 0;
  let faceCount = 0;
  let faceClipped = 0;
  let outsideSum = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = luma(data, (y * width + x) * 4);
      frameSum += value;
      const inFace = box && x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
      if (inFace) {
        faceSum += value;
        faceCount++;
        if (value >= 250) faceClipped++;
      } else {
        outsideSum += value;
      }
    }
  }
  const stats = {
    frameLuma: frameSum / (width * height),
    faceLuma: faceCount > 0 ? faceSum / faceCount : null,
    backgroundLuma: outsideSum / (width * height - faceCount),
    faceClipped: faceCount > 0 ? faceClipped / faceCount : null,
    faceSharpness: null,
  };
  if (box && box.width >= 8 && box.height >= 8) {
    const crop = new OffscreenCanvas(SHARPNESS_SIZE, SHARPNESS_SIZE);
    const cropContext = crop.getContext('2d', { willReadFrequently: true });
    cropContext.drawImage(video, box.x, box.y, box.width, box.height, 0, 0, SHARPNESS_SIZE, SHARPNESS_SIZE);
    const pixels = cropContext.getImageData(0, 0, SHARPNESS_SIZE, SHARPNESS_SIZE).data;
    const grey = new Float32Array(SHARPNESS_SIZE * SHARPNESS_SIZE);
    for (let i = 0; i < grey.length; i++) grey[i] = luma(pixels, i * 4);
    stats.faceSharpness = laplacianVariance(grey, SHARPNESS_SIZE, SHARPNESS_SIZE);
  }
  return stats;
}

async function run() {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { width: 640, height: 480 } });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();

  // The module-variant loader is an ES module: install its factory where MediaPipe looks for it, and pass an
  // empty wasmLoaderPath so MediaPipe does not inject a classic script of its own.
  const loader = await import('/src/assets/wasm/vision_wasm_module_internal.js');
  globalThis.ModuleFactory = loader.default;
  const detector = await FaceDetector.createFromOptions(
    { wasmLoaderPath: '', wasmBinaryPath: '/src/assets/wasm/vision_wasm_module_internal.wasm' },
    {
      baseOptions: { modelAssetPath: '/src/assets/face_detection_short_range.tflite', delegate: 'CPU' },
      runningMode: 'VIDEO',
      minDetectionConfidence,
    },
  );

  const samples = [];
  while (samples.length < sampleCount) {
    await nextVideoFrame(video);
    const { videoWidth: width, videoHeight: height } = video;
    const result = detector.detectForVideo(video, performance.now());
    const faces = result.detections.map((detection) => ({
      score: detection.categories[0]?.score ?? 0,
      box: {
        x: detection.boundingBox?.originX ?? 0,
        y: detection.boundingBox?.originY ?? 0,
        width: detection.boundingBox?.width ?? 0,
        height: detection.boundingBox?.height ?? 0,
      },
      keypoints: (detection.keypoints ?? []).map((point) => ({ x: point.x * width, y: point.y * height })),
    }));
    const largest = faces.reduce((best, face) => (!best || face.box.width > best.box.width ? face : best), null);
    const stats = frameStats(video, largest?.box);
    samples.push({ frame: { width, height }, mediaTime: video.currentTime, faces, stats });
    await sleep(sampleGapMs);
  }
  detector.close();
  for (const track of stream.getTracks()) track.stop();
  return samples;
}

run().then(
  (samples) => {
    window.__probeResult = { ok: true, samples };
  },
  (error) => {
    window.__probeResult = { ok: false, error: String(error?.stack ?? error) };
  },
);
