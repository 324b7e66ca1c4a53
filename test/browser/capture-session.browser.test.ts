/// <reference types="mocha" />
/**
 * CaptureSession with a scripted detector, on real camera frames: a clip starts once the frame has held good,
 * a single failing frame during the clip throws the clip away and guidance starts over, and the frame finally
 * captured comes from after the failure. Also the clip recorder and the capture packaging on their own.
 */
import { expect } from '@esm-bundle/chai';
import { unzipSync } from 'fflate';
import { CaptureSession, type BestFrame, type FrameUpdate } from '../../src/capture/capture-session.js';
import type { DetectorClient } from '../../src/capture/detector/detector-client.js';
import { scaleFace } from '../../src/capture/downscale.js';
import { buildCaptureReport, mediaFormFor, packageCapture } from '../../src/package/capture-package.js';
import { startClipRecording } from '../../src/package/video.js';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '../../src/quality/thresholds.js';
import type { FaceDetection } from '../../src/quality/types.js';
import { FRAME, frontalFace, GOOD_STATS } from '../quality/faces.js';
import { sleep } from './support/events.js';

const STEP_MS = 50;
const HOLD_MS = 300;
const CLIP_MS = 400;
/** The first clip starts at 800 ms (500 ms of stillness history, then the 300 ms hold); this frame spoils it. */
const FAILING_FRAME_MS = 950;

/**
 * A detector that reports whatever faces the script gives for each timestamp (placed on a full 640×480 frame), with
 * good frame statistics. Like the real one it answers in pixels of the bitmap it was given, which the session
 * downscales before detection.
 */
function scriptedDetector(facesAt: (timestamp: number) => FaceDetection[]): DetectorClient {
  return {
    runtime: 'main-thread',
    loadMs: 0,
    fallbacks: [],
    async analyze(bitmap, timestamp) {
      const faces = facesAt(timestamp).map((face) => scaleFace(face, FRAME.width / bitmap.width));
      return { analysis: { faces, stats: GOOD_STATS, inferenceMs: 0 }, bitmap };
    },
    close() {},
  };
}

async function cameraVideo(): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  await video.play();
  return video;
}

function stopVideo(video: HTMLVideoElement): void {
  for (const track of (video.srcObject as MediaStream).getTracks()) track.stop();
}

describe('CaptureSession clips', () => {
  let video: HTMLVideoElement;
  before(async () => {
    video = await cameraVideo();
    // The scripted faces are placed on the oval of a 640×480 frame, the size of the fixture clips.
    expect({ width: video.videoWidth, height: video.videoHeight }).to.deep.equal(FRAME);
  });
  after(() => stopVideo(video));

  it('discards a clip when a frame fails during it, guides again, and captures from a later clip', async () => {
    expect(DEFAULT_THRESHOLDS.stillWindowMs, 'the timeline below assumes this stillness window').to.equal(500);
    const face = frontalFace();
    const log: Array<{ event: string; at: number }> = [];
    const updates: FrameUpdate[] = [];
    const sampled: number[] = [];
    let ready: BestFrame | null = null;
    let now = 0;
    const session = new CaptureSession({
      detector: scriptedDetector((t) => (t === FAILING_FRAME_MS ? [] : [face])),
      thresholds: resolveThresholds({}),
      holdMs: HOLD_MS,
      windowMs: HOLD_MS,
      clipMs: CLIP_MS,
      clipFrameIntervalMs: 100,
      onFrame: (update) => updates.push(update),
      onReady: (best) => {
        ready = best;
        log.push({ event: 'ready', at: now });
      },
      onClipStart: () => log.push({ event: 'clip-start', at: now }),
      onClipFrame: (frame, timestamp) => {
        frame.close();
        sampled.push(timestamp);
      },
      onClipAbort: () => log.push({ event: 'clip-abort', at: now }),
    });

    for (now = 0; now <= 4_000 && !session.finished; now += STEP_MS) await session.processFrame(video, now);

    expect(log.map((e) => e.event)).to.deep.equal(['clip-start', 'clip-abort', 'clip-start', 'ready']);
    const [firstStart, abort, secondStart, done] = log as [
      (typeof log)[0],
      (typeof log)[0],
      (typeof log)[0],
      (typeof log)[0],
    ];
    expect(abort.at).to.equal(FAILING_FRAME_MS);
    expect(firstStart.at).to.be.below(FAILING_FRAME_MS);
    expect(secondStart.at, 'the hold started over after the failure').to.be.at.least(FAILING_FRAME_MS + HOLD_MS);
    expect(done.at - secondStart.at).to.be.at.least(CLIP_MS);

    const failing = updates.find((u) => u.verdict.primary === 'no-face');
    expect(failing, 'the failing frame was reported').to.exist;
    const holding = updates.some((u) => u.verdict.pass && u.progress > 0 && u.progress < 1);
    expect(holding, 'holding shows progress').to.equal(true);
    const best = ready as BestFrame | null;
    expect(best, 'a frame was captured').to.not.equal(null);
    expect(best!.verdict.pass).to.equal(true);
    expect(best!.timestamp, 'never a frame from the spoilt clip or before it').to.be.above(FAILING_FRAME_MS);
    expect(best!.bitmap.width).to.equal(FRAME.width);
    best!.bitmap.close();
    const sampledInSecondClip = sampled.filter((t) => t > secondStart.at - STEP_MS);
    expect(sampledInSecondClip.length, 'frames sampled through the second clip').to.be.at.least(CLIP_MS / 100);
  });

  it('never starts a clip while any frame fails', async () => {
    let starts = 0;
    let readies = 0;
    const session = new CaptureSession({
      detector: scriptedDetector((t) => (t % 400 === 0 ? [] : [frontalFace()])),
      thresholds: resolveThresholds({}),
      holdMs: HOLD_MS,
      windowMs: HOLD_MS,
      clipMs: CLIP_MS,
      onFrame: () => {},
      onReady: () => readies++,
      onClipStart: () => starts++,
    });
    for (let t = 0; t <= 3_000; t += STEP_MS) await session.processFrame(video, t);
    expect(starts).to.equal(0);
    expect(readies).to.equal(0);
    session.finish();
  });
});

describe('clip recording', () => {
  let video: HTMLVideoElement;
  before(async () => {
    video = await cameraVideo();
  });
  after(() => stopVideo(video));

  it('records the camera as MP4 or WebM, video only', async () => {
    const recording = startClipRecording(video.srcObject as MediaStream);
    await sleep(600);
    const clip = await recording.finish();
    expect(['video/mp4', 'video/webm']).to.include(clip.type);
    expect(clip.size).to.be.greaterThan(1_000);
  });

  it('throws the data away when cancelled', async () => {
    const recording = startClipRecording(video.srcObject as MediaStream);
    await sleep(300);
    recording.cancel();
    let failure: unknown = null;
    await recording.finish().catch((error: unknown) => (failure = error));
    expect(failure).to.be.an('error');
  });
});

describe('capture packaging', () => {
  it('names the media form the backend will sniff', () => {
    expect(mediaFormFor('image', null)).to.equal('image');
    expect(mediaFormFor('shotset', null)).to.equal('shotset');
    expect(mediaFormFor('video', 'recording')).to.equal('video');
    expect(mediaFormFor('video', 'frames')).to.equal('shotset');
    expect(mediaFormFor('video', null)).to.equal('shotset');
  });

  it('reports manual captures with their reason and scales the face box to the JPEG', () => {
    const face = frontalFace();
    const report = buildCaptureReport({
      form: 'image',
      automatic: false,
      manualReason: 'detector-unavailable',
      jpeg: { width: 960, height: 720, upscaled: true },
      sourceWidth: 640,
      verdict: {
        pass: false,
        failing: ['too-far'],
        primary: 'too-far',
        metrics: { faceWidthRatio: 0.4 },
        face,
        settling: false,
      },
      elapsedMs: 1234.4,
      frameCount: 1,
      capturedAt: new Date('2025-01-02T03:04:05Z'),
    });
    expect(report).to.include({ mode: 'image', automatic: false, manualReason: 'detector-unavailable' });
    expect(report.elapsedMs).to.equal(1234);
    expect(report.tags).to.deep.equal(['video_selfie', 'orientation_landscape']);
    expect(report.face!.width).to.be.closeTo(face.box.width * 1.5, 1e-9);
    expect(report.metrics).to.deep.equal({ faceWidthRatio: 0.4, upscale: 1.5 });
    const automatic = buildCaptureReport({
      form: 'shotset',
      automatic: true,
      jpeg: { width: 480, height: 640, upscaled: false },
      sourceWidth: 480,
      verdict: null,
      elapsedMs: 10,
      frameCount: 10,
      capturedAt: new Date(),
    });
    expect(automatic).to.not.have.property('manualReason');
    expect(automatic.tags).to.deep.equal(['video_selfie', 'video_selfie_blank', 'orientation_portrait']);
    expect(automatic.face).to.equal(null);
  });

  it('packs sampled clip frames into a ZIP whose report counts them', async () => {
    const canvas = new OffscreenCanvas(640, 480);
    canvas.getContext('2d')!.fillRect(0, 0, 640, 480);
    const bitmap = canvas.transferToImageBitmap();
    const frame = await canvas.convertToBlob({ type: 'image/jpeg' });
    const packaged = await packageCapture({
      bitmap,
      verdict: null,
      mode: 'video',
      automatic: true,
      clip: { kind: 'frames', frames: [Promise.resolve(frame), Promise.resolve(frame), Promise.resolve(frame)] },
      elapsedMs: 5,
    });
    bitmap.close();
    expect(packaged.report).to.include({ mode: 'shotset', frameCount: 3 });
    expect(Object.keys(unzipSync(new Uint8Array(await packaged.media.arrayBuffer())))).to.have.length(3);
  });
});
