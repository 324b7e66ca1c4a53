/// <reference types="mocha" />
/**
 * The recorder probe on Chromium's fake camera: it keeps the first type that really records, and a recorder that
 * says it supports a type but yields no data (WebKitGTK's MP4) is given up, so the clip falls back to frames and
 * the report says why. It records only containers the backend accepts: a browser that records only WebM
 * (Firefox) sends Oz the frame shotset instead, end to end against the real backend.
 */
import { expect } from '@esm-bundle/chai';
import { unzipSync } from 'fflate';
import type { LivenessCheckElement } from '../../src/element.js';
import { ClipRecorder } from '../../src/package/clip-recorder.js';
import { probeRecorder, resetRecorderProbe } from '../../src/package/recorder-probe.js';
import { nextEvent, recordEvents } from './support/events.js';
import { expectBothProvidersDone, newSession, readResult } from './support/integrator.js';
import { replaceProperty } from './support/stubs.js';
import { createWidget } from './support/widget.js';

describe('recorder probe', () => {
  let stream: MediaStream;
  const restores: Array<() => void> = [];

  beforeEach(async () => {
    resetRecorderProbe();
    stream = await navigator.mediaDevices.getUserMedia({ video: true });
  });

  afterEach(() => {
    while (restores.length > 0) restores.pop()!();
    for (const track of stream.getTracks()) track.stop();
    resetRecorderProbe();
  });

  it('keeps a type that recorded data, and leaves the camera track running', async () => {
    const probe = await probeRecorder(stream);
    expect(probe.type).to.be.a('string');
    expect(MediaRecorder.isTypeSupported(probe.type!)).to.equal(true);
    expect(stream.getVideoTracks()[0]!.readyState).to.equal('live');
    expect(ClipRecorder.kindFor('video', 'recording')).to.equal('recording');
    expect(ClipRecorder.fallbackFor('video', 'recording')).to.equal(undefined);
  });

  it('gives up a recorder that yields no data and gathers frames instead, saying why', async () => {
    const Native = window.MediaRecorder;
    // Claims every type and records nothing, as WebKitGTK's MP4 did.
    class SilentRecorder extends Native {
      override start(): void {
        super.start(100);
        this.ondataavailable = null;
        Object.defineProperty(this, 'ondataavailable', { set: () => undefined, get: () => null });
      }
    }
    restores.push(replaceProperty(window, 'MediaRecorder', SilentRecorder));
    const probe = await probeRecorder(stream);
    expect(probe).to.deep.equal({ type: null, fallback: 'no-data' });
    expect(ClipRecorder.kindFor('video', 'recording')).to.equal('frames');
    expect(ClipRecorder.fallbackFor('video', 'recording')).to.equal('no-data');
  });

  it('records only the containers the backend accepts, and says not-accepted when none is', async () => {
    const webm = await probeRecorder(stream, ['video/webm']);
    expect(webm.type).to.match(/^video\/webm/);
    const none = await probeRecorder(stream, []);
    expect(none).to.deep.equal({ type: null, fallback: 'not-accepted' });
    expect(ClipRecorder.kindFor('video', 'recording')).to.equal('frames');
    expect(ClipRecorder.fallbackFor('video', 'recording')).to.equal('not-accepted');
    // Unknown (GET /capture-options unreadable): every type is tried, as before.
    expect((await probeRecorder(stream, null)).type).to.be.a('string');
  });

  describe('against the real backend (Oz and Kairos)', () => {
    let element: LivenessCheckElement | undefined;
    afterEach(() => element?.remove());

    it('a browser that records only WebM (Firefox) sends the frame shotset, saying not-accepted, and completes', async () => {
      const native = MediaRecorder.isTypeSupported.bind(MediaRecorder);
      restores.push(
        replaceProperty(
          MediaRecorder,
          'isTypeSupported',
          (type: string) => type.startsWith('video/webm') && native(type),
        ),
      );
      const { endpoint, session } = await newSession();
      const options = await fetch(`${endpoint}/capture-options`, {
        headers: { authorization: `Bearer ${session.captureToken}` },
      });
      expect(await options.json()).to.deep.equal({ clipTypes: ['video/mp4'], shotset: true });
      element = createWidget((el) => {
        el.autostart = true;
        el.mode = 'video';
        el.videoFormat = 'recording';
        el.endpoint = endpoint;
        el.token = session.captureToken;
      });
      const events = recordEvents(element, ['liveness-capture', 'liveness-error']);
      const complete = nextEvent(element, 'liveness-complete', 90_000);
      document.body.append(element);
      const { detail } = await complete;
      expect(events.of('liveness-error'), 'no errors').to.deep.equal([]);
      expect(detail.status).to.equal('done');
      const [capture] = events.of('liveness-capture');
      expect(capture!.report.mode).to.equal('shotset');
      expect(capture!.report.clipFallback).to.equal('not-accepted');
      expect(capture!.media.type).to.equal('application/zip');
      const entries = Object.values(unzipSync(new Uint8Array(await capture!.media.arrayBuffer())));
      expect(entries.length).to.be.greaterThan(1);
      expectBothProvidersDone(await readResult(session.sessionId));
    });
  });
});
