/// <reference types="mocha" />
/**
 * The detector dying mid-guidance. A worker terminated (no event reaches the page) or failing with an uncaught
 * error is replaced, once, by the main-thread detector on the same camera stream. A detector failing with no
 * runtime left must not freeze guidance: the element reports `model-load-failed` through `liveness-error`, shows
 * that guidance stopped, and offers the manual capture, which still works. The test reaches the real worker by recording the Worker objects the page creates.
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import { en } from '../../src/i18n/en.js';
import { nextEvent, recordEvents } from './support/events.js';
import { replaceProperty, waitFor } from './support/stubs.js';
import { mountGuidingWidget, part } from './support/widget.js';

/** Records every Worker the page starts from now on, until the returned restore is called. */
function recordWorkers(): { workers: Worker[]; restore: () => void } {
  const workers: Worker[] = [];
  const NativeWorker = window.Worker;
  class RecordedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      workers.push(this);
    }
  }
  return { workers, restore: replaceProperty(window, 'Worker', RecordedWorker) };
}

describe('<liveness-check> detector worker faults', () => {
  let element: LivenessCheckElement;
  const restores: Array<() => void> = [];

  afterEach(() => {
    element?.remove();
    while (restores.length > 0) restores.pop()!();
  });

  let workersStarted = (): number => 0;

  async function guideWithRecordedWorker(): Promise<Worker> {
    const recorder = recordWorkers();
    restores.push(recorder.restore);
    workersStarted = () => recorder.workers.length;
    // No timed manual offer: the capture button can only come from detection stopping.
    const mounted = await mountGuidingWidget((el) => {
      el.mode = 'image';
      el.manualCaptureAfter = 0;
    });
    element = mounted.element;
    expect(mounted.ready.detector).to.equal('worker');
    await nextEvent(element, 'liveness-guidance', 30_000);
    expect(recorder.workers).to.have.length(1);
    return recorder.workers[0]!;
  }

  /**
   * The worker died mid-guidance: the element switched to the main-thread detector on the same camera stream,
   * without an error, and guidance goes on (the fake camera's frames keep being judged).
   */
  async function expectSwitchedToMainThread(stream: MediaStream, workers: number): Promise<void> {
    const errors = recordEvents(element, ['liveness-error']);
    // Only the main thread's load shows in the page's resource timing (the worker's fetches are its own).
    await waitFor(
      () => performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.wasm')) ?? null,
      'the main-thread detector loading',
      60_000,
    );
    const progress = () => part(element, 'progress')?.getAttribute('aria-valuenow') ?? null;
    const before = progress();
    // The progress only moves while frames are being judged: the new detector analyses the same camera.
    await waitFor(() => (progress() !== before ? true : null), 'guidance on the main thread', 60_000);
    expect(element.phase).to.equal('guiding');
    const video = part<HTMLVideoElement>(element, 'video')!;
    expect(video.srcObject, 'the same camera stream').to.equal(stream);
    expect(stream.getVideoTracks()[0]!.readyState).to.equal('live');
    expect(errors.of('liveness-error')).to.deep.equal([]);
    expect(workersStarted(), 'no second worker').to.equal(workers);
    errors.stop();
  }

  async function expectReportedAndManualCaptureWorks(): Promise<void> {
    expect(element.phase).to.equal('guiding');
    await waitFor(() => part(element, 'capture-button'), 'the manual capture button');
    expect(part(element, 'hint')?.textContent).to.equal(en['error.model-load-failed']);
    expect(part(element, 'progress'), 'no progress bar without guidance').to.equal(null);
    const captured = nextEvent(element, 'liveness-capture', 30_000);
    part<HTMLButtonElement>(element, 'capture-button')!.click();
    const { report } = (await captured).detail;
    expect(report.automatic).to.equal(false);
    expect(report.manualReason).to.equal('detector-unavailable');
    expect(element.phase).to.equal('done');
  }

  it('switches to the main thread when the worker is terminated, keeping the camera', async () => {
    const worker = await guideWithRecordedWorker();
    const stream = part<HTMLVideoElement>(element, 'video')!.srcObject as MediaStream;
    worker.terminate();
    await expectSwitchedToMainThread(stream, 1);
  });

  it('switches to the main thread when the worker fails with an uncaught error', async () => {
    const worker = await guideWithRecordedWorker();
    const stream = part<HTMLVideoElement>(element, 'video')!.srcObject as MediaStream;
    // What the browser fires on the Worker when its script throws and nothing catches it.
    worker.dispatchEvent(new ErrorEvent('error', { message: 'boom from the test' }));
    await expectSwitchedToMainThread(stream, 1);
  });

  it('reports a failing main-thread detector instead of freezing, and still captures manually', async () => {
    // The chain has no runtime after the main thread: a failure there ends in the manual capture.
    const mounted = await mountGuidingWidget((el) => {
      el.mode = 'image';
      el.manualCaptureAfter = 0;
      el.noWorker = true;
    });
    element = mounted.element;
    expect(mounted.ready.detector).to.equal('main-thread');
    await nextEvent(element, 'liveness-guidance', 30_000);
    const failed = nextEvent(element, 'liveness-error', 30_000);
    // The analyser reads every frame through createImageBitmap's result; a frame that cannot be drawn fails it.
    restores.push(
      replaceProperty(OffscreenCanvasRenderingContext2D.prototype, 'getImageData', () => {
        throw new Error('boom from the test');
      }),
    );
    const { detail } = await failed;
    expect(detail.code).to.equal('model-load-failed');
    expect(detail.message).to.match(/boom from the test/);
    restores.pop()!();
    await expectReportedAndManualCaptureWorks();
  });
});
