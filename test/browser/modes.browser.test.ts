/// <reference types="mocha" />
/**
 * Every capture mode end to end on the astronaut clip: the element captures automatically, packages the media
 * the mode promises, uploads it to the real backend, and both sandbox providers finish the check. Also the
 * main-thread detector for hosts that cannot run workers.
 */
import { expect } from '@esm-bundle/chai';
import { unzipSync } from 'fflate';
import type { LivenessCheckElement } from '../../src/element.js';
import type { LivenessCaptureDetail } from '../../src/events/index.js';
import { nextEvent, recordEvents } from './support/events.js';
import { expectBothProvidersDone, newSession, readResult } from './support/integrator.js';
import { createWidget, mountGuidingWidget } from './support/widget.js';

const JPEG_MAGIC = [0xff, 0xd8, 0xff];

async function headBytes(blob: Blob, count: number): Promise<number[]> {
  return [...new Uint8Array(await blob.slice(0, count).arrayBuffer())];
}

async function imageSize(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

/**
 * The playable length of a clip. MediaRecorder's WebM has no duration in its header, so the browser only learns
 * it by seeking past the end.
 */
async function clipSeconds(clip: Blob): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.src = URL.createObjectURL(clip);
  try {
    await new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(new Error('the clip does not load as video'));
    });
    if (Number.isFinite(video.duration)) return video.duration;
    await new Promise((resolve) => {
      video.ondurationchange = () => Number.isFinite(video.duration) && resolve(undefined);
      video.currentTime = 1e6;
    });
    return video.duration;
  } finally {
    URL.revokeObjectURL(video.src);
  }
}

describe('<liveness-check> capture modes against the real backend', () => {
  let element: LivenessCheckElement;
  afterEach(() => element?.remove());

  /** Runs one capture to a final verdict and returns what was captured. */
  async function captureAndCheck(setup: (el: LivenessCheckElement) => void): Promise<LivenessCaptureDetail> {
    const { endpoint, session } = await newSession();
    element = createWidget((el) => {
      el.autostart = true;
      el.endpoint = endpoint;
      el.token = session.captureToken;
      setup(el);
    });
    const events = recordEvents(element, ['liveness-capture', 'liveness-submitted', 'liveness-error']);
    const complete = nextEvent(element, 'liveness-complete', 90_000);
    document.body.append(element);
    const { detail } = await complete;
    expect(events.of('liveness-error'), 'no errors').to.deep.equal([]);
    expect(detail.status).to.equal('done');
    expect(events.of('liveness-submitted')[0]?.sessionId).to.equal(session.sessionId);
    expectBothProvidersDone(await readResult(session.sessionId));
    const [capture] = events.of('liveness-capture');
    expect(capture!.report.automatic).to.equal(true);
    return capture!;
  }

  it('image: a JPEG tagged video_selfie and its orientation', async () => {
    const capture = await captureAndCheck((el) => (el.mode = 'image'));
    expect(capture.mode).to.equal('image');
    expect(capture.media.type).to.equal('image/jpeg');
    expect(await headBytes(capture.media, 3)).to.deep.equal(JPEG_MAGIC);
    expect(capture.selfie).to.equal(capture.media);
    expect(capture.report.tags).to.deep.equal(['video_selfie', 'orientation_landscape']);
    expect(capture.report.frameCount).to.equal(1);
    const size = await imageSize(capture.media);
    expect(capture.report.frame).to.deep.equal(size);
  });

  it('shotset: a ZIP of one JPEG tagged video_selfie_blank', async () => {
    const capture = await captureAndCheck((el) => (el.mode = 'shotset'));
    expect(capture.media.type).to.equal('application/zip');
    expect(capture.report.tags).to.deep.equal(['video_selfie', 'video_selfie_blank', 'orientation_landscape']);
    const entries = Object.values(unzipSync(new Uint8Array(await capture.media.arrayBuffer())));
    expect(entries).to.have.length(1);
    expect([...entries[0]!.subarray(0, 3)]).to.deep.equal(JPEG_MAGIC);
  });

  it('video, recording: a MediaRecorder clip (MP4 or WebM) with the best frame as the selfie', async () => {
    const capture = await captureAndCheck((el) => {
      el.mode = 'video';
      el.videoFormat = 'recording';
    });
    expect(capture.mode).to.equal('video');
    expect(capture.report.mode).to.equal('video');
    expect(['video/mp4', 'video/webm']).to.include(capture.media.type);
    const head = await headBytes(capture.media, 8);
    if (capture.media.type === 'video/webm') {
      expect(head.slice(0, 4), 'an EBML header').to.deep.equal([0x1a, 0x45, 0xdf, 0xa3]);
      expect(capture.fileName).to.equal('clip.webm');
    } else {
      expect(String.fromCharCode(...head.slice(4, 8))).to.equal('ftyp');
      expect(capture.fileName).to.equal('clip.mp4');
    }
    // The default clip-duration, 2.5 s, of frames that all passed the gates.
    expect(await clipSeconds(capture.media)).to.be.within(2, 3.5);
    expect(capture.report.frameCount).to.be.greaterThan(30);
    expect(capture.selfie.type).to.equal('image/jpeg');
    expect(await headBytes(capture.selfie, 3)).to.deep.equal(JPEG_MAGIC);
    expect(capture.report.tags).to.include('video_selfie_blank');
  });

  it('video, shotset: a ZIP of about ten JPEG frames of the clip', async () => {
    const capture = await captureAndCheck((el) => {
      el.mode = 'video';
      el.videoFormat = 'shotset';
    });
    // A ZIP of frames is what the backend and Oz call a shotset, so the report says so.
    expect(capture.report.mode).to.equal('shotset');
    expect(capture.media.type).to.equal('application/zip');
    expect(capture.fileName).to.equal('clip.zip');
    const entries = Object.values(unzipSync(new Uint8Array(await capture.media.arrayBuffer())));
    // One frame every 250 ms of the 2.5 s clip; a busy machine analyses fewer frames, so it may sample fewer.
    expect(entries.length).to.be.within(5, 12);
    expect(capture.report.frameCount).to.equal(entries.length);
    for (const entry of entries) expect([...entry.subarray(0, 3)]).to.deep.equal(JPEG_MAGIC);
    expect(capture.selfie.type).to.equal('image/jpeg');
  });

  it('no-worker: detects on the main thread and still captures', async () => {
    element = createWidget((el) => {
      el.autostart = true;
      el.mode = 'image';
      el.noWorker = true;
    });
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    const capture = nextEvent(element, 'liveness-capture', 60_000);
    document.body.append(element);
    expect((await ready).detail.detector).to.equal('main-thread');
    const { report } = (await capture).detail;
    expect(report.automatic).to.equal(true);
    expect(report.metrics.faceCount).to.equal(1);
  });

  it('reads no-worker from the attribute', async () => {
    const mounted = await mountGuidingWidget((el) => el.setAttribute('no-worker', ''));
    element = mounted.element;
    expect(mounted.ready.detector).to.equal('main-thread');
  });
});
