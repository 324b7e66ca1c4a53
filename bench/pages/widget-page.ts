/**
 * The widget bench page: loads the production bundle, connects `<liveness-check autostart>` and records the
 * moments a person waits through (element connected → camera playing → detector ready → first guidance), then
 * either stops (`load`), keeps guiding for a fixed window (`steady`) or waits for the capture (`capture`).
 *
 * Query: scenario, widget (bundle URL), mode, videoFormat, hold (hold-duration ms), windowMs, timeoutMs.
 */
import { instrumentDetectorWorker } from './instrument.js';
import { publishResult, startBenchPage } from './page-setup.js';
import type { PageResult } from './protocol.js';

const { params, scenario, windowMs, timeoutMs, marks, result, settleLongTasks } = startBenchPage();
instrumentDetectorWorker(result.frames);
publishResult(result, run());

/** Longest wait for the face landmarker's first measurement after the steady window (a heavily loaded machine). */
const LANDMARK_WAIT_MS = 30_000;

/** Keeps guiding until the face landmarker has measured for `windowMs`, and records that window. */
async function watchLandmarks(windowMs: number): Promise<void> {
  const deadline = performance.now() + LANDMARK_WAIT_MS;
  let first = result.frames.find((frame) => frame.landmarkMeasured);
  while (!first && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    first = result.frames.find((frame) => frame.landmarkMeasured);
  }
  if (!first) return;
  const end = first.sentAt + windowMs;
  if (end > performance.now()) await new Promise((resolve) => setTimeout(resolve, end - performance.now()));
  result.landmarkWindow = { start: first.sentAt, end: performance.now() };
}

async function run(): Promise<PageResult> {
  await import(/* @vite-ignore */ params.get('widget') ?? '/widget/liveness-check.js');
  marks.moduleLoaded = performance.now();
  if (!customElements.get('liveness-check')) {
    throw new Error(
      'the bundle loaded but did not register <liveness-check> (a build problem: was the define call tree-shaken?)',
    );
  }

  const element = document.createElement('liveness-check');
  element.setAttribute('autostart', '');
  for (const [param, attribute] of [
    ['mode', 'mode'],
    ['videoFormat', 'video-format'],
    ['hold', 'hold-duration'],
  ] as const) {
    const value = params.get(param);
    if (value !== null) element.setAttribute(attribute, value);
  }

  const finished = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${scenario}: no result within ${timeoutMs} ms`)), timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    element.addEventListener('liveness-camera-change', () => {
      marks.cameraPlaying ??= performance.now();
    });
    element.addEventListener('liveness-ready', (event) => {
      marks.detectorReady = performance.now();
      result.runtime = event.detail.detector;
      result.readyDetailLoadMs = event.detail.loadMs;
    });
    element.addEventListener('liveness-guidance', (event) => {
      result.guidanceCodes.push(event.detail.code);
      if (marks.firstGuidance !== undefined) return;
      marks.firstGuidance = performance.now();
      if (scenario === 'load') done();
      if (scenario === 'steady') {
        const start = marks.firstGuidance;
        setTimeout(() => {
          result.window = { start, end: performance.now() };
          void watchLandmarks(windowMs).then(done);
        }, windowMs);
      }
    });
    element.addEventListener('liveness-capture', (event) => {
      marks.captured = performance.now();
      const { detail } = event;
      result.capture = {
        requested: { mode: params.get('mode') ?? 'shotset', videoFormat: params.get('videoFormat') },
        mode: detail.mode,
        mediaType: detail.media.type,
        mediaBytes: detail.media.size,
        selfieBytes: detail.selfie.size,
        fileName: detail.fileName,
        frameCount: detail.report.frameCount,
        frame: detail.report.frame,
      };
      if (scenario === 'capture') done();
    });
    element.addEventListener('liveness-error', (event) => {
      clearTimeout(timer);
      reject(new Error(`liveness-error ${event.detail.code}: ${event.detail.message}`));
    });
  });

  marks.connected = performance.now();
  document.body.append(element);
  await finished;
  // Stop the camera and the worker before the driver closes the page.
  element.remove();
  await settleLongTasks();
  result.ok = true;
  return result;
}
