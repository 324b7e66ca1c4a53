/// <reference types="mocha" />
/**
 * The whole path with Chromium's fake camera playing the astronaut clip: the real element detects the face,
 * guides until the frame is good, captures automatically, uploads to the real backend, and the integrator's
 * server reads a final verdict computed by the Oz and Kairos adapters against their sandbox emulators.
 */
import { expect } from '@esm-bundle/chai';
import { unzipSync } from 'fflate';
import '../../src/liveness-check.js';
import { LIVENESS_EVENT_NAMES, type LivenessCheckElement } from '../../src/element.js';
import { nextEvent, recordEvents } from './support/events.js';
import { newSession, readResult } from './support/integrator.js';

async function jpegSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

describe('<liveness-check> end to end', () => {
  let element: LivenessCheckElement;

  afterEach(() => element?.remove());

  it('captures the face automatically, submits it, and the integrator reads a final verdict from both providers', async () => {
    const { endpoint, session } = await newSession();

    element = document.createElement('liveness-check');
    element.endpoint = endpoint;
    element.token = session.captureToken;
    element.mode = 'shotset';
    element.autostart = true;
    const events = recordEvents(element, [...LIVENESS_EVENT_NAMES]);
    const complete = nextEvent(element, 'liveness-complete', 90_000);
    document.body.append(element);
    const { detail } = await complete;

    expect(events.of('liveness-error'), 'no errors').to.deep.equal([]);
    const [ready] = events.of('liveness-ready');
    expect(ready?.detector, 'detection runs in the worker').to.equal('worker');
    expect(ready?.camera.width).to.be.greaterThan(0);

    const guidance = events.of('liveness-guidance');
    expect(guidance.length, 'guidance was given').to.be.greaterThan(0);
    expect(guidance.at(-1)?.code, 'the last hint before capture was ok').to.equal('ok');
    expect(guidance.at(-1)?.metrics.faceCount).to.equal(1);

    const [capture] = events.of('liveness-capture');
    expect(capture, 'one capture').to.exist;
    expect(capture!.report.automatic).to.equal(true);
    expect(capture!.report.tags).to.include.members(['video_selfie', 'video_selfie_blank']);
    expect(capture!.report.face, 'the report carries the face box').to.not.equal(null);
    expect(capture!.media.type).to.equal('application/zip');
    const entries = unzipSync(new Uint8Array(await capture!.media.arrayBuffer()));
    const names = Object.keys(entries);
    expect(names).to.have.length(1);
    const jpeg = entries[names[0]!]!;
    expect([jpeg[0], jpeg[1]], 'the shotset holds a JPEG').to.deep.equal([0xff, 0xd8]);
    const size = await jpegSize(jpeg);
    expect(Math.min(size.width, size.height)).to.be.at.least(480);

    const [submitted] = events.of('liveness-submitted');
    expect(submitted?.sessionId).to.equal(session.sessionId);
    expect(detail.status).to.equal('done');
    expect(detail.checkId).to.equal(submitted?.checkId);
    expect(detail, 'no scores reach the browser by default').to.not.have.property('result');
    expect(element.phase).to.equal('done');

    const result = await readResult(session.sessionId);
    expect(result.status).to.equal('done');
    expect(result.decision).to.equal('live');
    const byName = Object.fromEntries(result.providers.map((p) => [p.provider, p]));
    expect(Object.keys(byName).sort()).to.deep.equal(['kairos', 'oz']);
    for (const provider of result.providers) {
      expect(provider.sandbox, `${provider.provider} ran against its sandbox`).to.equal(true);
      expect(provider.status).to.equal('done');
      expect(provider.decision).to.equal('live');
      expect(provider.score).to.be.within(0, 1);
    }
    expect(byName.oz!.ids).to.have.property('analysisId');
    expect(byName.kairos!.ids).to.have.property('apiReqUid');
  });

  it('stops every camera track when removed from the page', async () => {
    element = document.createElement('liveness-check');
    element.autostart = true;
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    document.body.append(element);
    await ready;
    const video = element.shadowRoot!.querySelector('video')!;
    const stream = video.srcObject as MediaStream;
    const tracks = stream.getTracks();
    expect(tracks.length).to.be.greaterThan(0);
    expect(tracks.every((t) => t.readyState === 'live')).to.equal(true);
    element.remove();
    expect(
      tracks.every((t) => t.readyState === 'ended'),
      'all tracks ended',
    ).to.equal(true);
  });
});
