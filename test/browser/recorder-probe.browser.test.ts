/// <reference types="mocha" />
/**
 * The recorder probe on Chromium's fake camera: it keeps the first type that really records, and a recorder that
 * says it supports a type but yields no data (WebKitGTK's MP4) is given up, so the clip falls back to frames and
 * the report says why.
 */
import { expect } from '@esm-bundle/chai';
import { ClipRecorder } from '../../src/package/clip-recorder.js';
import { probeRecorder, resetRecorderProbe } from '../../src/package/recorder-probe.js';
import { replaceProperty } from './support/stubs.js';

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
});
