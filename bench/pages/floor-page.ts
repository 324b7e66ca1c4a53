/**
 * The floor of the first run: a bare page that only opens the camera on a click (with the widget's constraints)
 * and plays it. Nothing a page can do gets guidance on screen sooner than this camera plays, so the widget's
 * click → first guidance is set beside it. Query: readMs (the same wait on the start screen as the widget's).
 */
import { publishResult, startBenchPage } from './page-setup.js';
import type { PageResult } from './protocol.js';

const { params, marks, result, timeoutMs, settleLongTasks } = startBenchPage();
publishResult(result, run());

async function run(): Promise<PageResult> {
  const button = document.createElement('button');
  button.textContent = 'Start camera';
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  document.body.append(button, video);
  marks.connected = performance.now();
  const playing = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`floor: the camera did not play within ${timeoutMs} ms`)),
      timeoutMs,
    );
    button.addEventListener('click', () => {
      navigator.mediaDevices
        .getUserMedia({
          video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 }, facingMode: 'user' },
          audio: false,
        })
        .then(async (stream) => {
          video.srcObject = stream;
          await video.play();
          // The first frame on screen, as the widget's "camera playing" means a frame it can analyse.
          await new Promise<void>((done) => video.requestVideoFrameCallback(() => done()));
          marks.cameraPlaying = performance.now();
          clearTimeout(timer);
          for (const track of stream.getTracks()) track.stop();
          resolve();
        })
        .catch(reject);
    });
  });
  await new Promise((resolve) => setTimeout(resolve, Number(params.get('readMs') ?? 2_000)));
  marks.clicked = performance.now();
  button.click();
  await playing;
  await settleLongTasks();
  result.ok = true;
  return result;
}
