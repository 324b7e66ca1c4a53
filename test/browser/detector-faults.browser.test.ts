/// <reference types="mocha" />
/**
 * The detector worker dying mid-guidance: terminated (no event reaches the page) or failing with an uncaught
 * error. Guidance must not freeze waiting for frames that never come back: the element reports
 * `model-load-failed` through `liveness-error`, shows that guidance stopped, and offers the manual capture, which
 * still works. The test reaches the real worker by recording the Worker objects the page creates.
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

  async function guideWithRecordedWorker(): Promise<Worker> {
    const recorder = recordWorkers();
    restores.push(recorder.restore);
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

  it('reports a terminated worker instead of freezing, and still captures manually', async () => {
    const worker = await guideWithRecordedWorker();
    const events = recordEvents(element, ['liveness-error', 'liveness-guidance']);
    const failed = nextEvent(element, 'liveness-error', 30_000);
    worker.terminate();
    const { detail } = await failed;
    expect(detail.code).to.equal('model-load-failed');
    expect(detail.recoverable).to.equal(true);
    expect(detail.message).to.match(/detector worker stopped/);
    await expectReportedAndManualCaptureWorks();
    expect(events.of('liveness-error'), 'reported once').to.have.length(1);
    events.stop();
  });

  it('reports a worker that fails with an uncaught error', async () => {
    const worker = await guideWithRecordedWorker();
    const failed = nextEvent(element, 'liveness-error', 30_000);
    // What the browser fires on the Worker when its script throws and nothing catches it.
    worker.dispatchEvent(new ErrorEvent('error', { message: 'boom from the test' }));
    const { detail } = await failed;
    expect(detail.code).to.equal('model-load-failed');
    expect(detail.message).to.match(/boom from the test/);
    await expectReportedAndManualCaptureWorks();
  });
});
