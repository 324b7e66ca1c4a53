/**
 * One guided capture: feeds camera frames to the detector, runs the quality gates, stabilises the hint, and
 * keeps the passing frames of the stable window so the best one can be captured. It never captures a frame
 * that failed a gate: only frames the gates passed are kept as candidates.
 */
import { AutoCapture, candidateScore, type CaptureCandidate } from '../quality/auto-capture.js';
import { evaluateFrame, hintFor, type GateVerdict } from '../quality/gates.js';
import { AnnouncementThrottle, GuidanceStabilizer } from '../quality/guidance.js';
import { ovalForFrame } from '../quality/oval.js';
import type { QualityThresholds } from '../quality/thresholds.js';
import type { FrameObservation, GuidanceCode, Oval } from '../quality/types.js';
import type { DetectorClient } from './detector/detector-client.js';
import type { FrameAnalysis } from './detector/protocol.js';
import { analysisCopy, analysisScale, scaleFace } from './downscale.js';

/** History kept beyond the stillness window, so the window is always covered by at least one older frame. */
const HISTORY_MARGIN_MS = 500;

export interface FrameUpdate {
  verdict: GateVerdict;
  /** The hint to show after stabilisation. */
  shown: GuidanceCode;
  shownChanged: boolean;
  /** A hint to announce to screen readers now, or null to stay quiet. */
  announce: GuidanceCode | null;
  progress: number;
  oval: Oval;
  frame: { width: number; height: number };
  inferenceMs: number;
}

export interface BestFrame {
  bitmap: ImageBitmap;
  verdict: GateVerdict;
  timestamp: number;
}

export interface CaptureSessionOptions {
  detector: DetectorClient;
  thresholds: QualityThresholds;
  holdMs: number;
  windowMs: number;
  /**
   * For clips: once the frame has held good for holdMs, keep going this long while every frame still passes.
   * 0 captures a still.
   */
  clipMs?: number;
  /** Take a copy of a passing frame every this many ms during a clip (for multi-frame shotsets). */
  clipFrameIntervalMs?: number;
  onFrame(update: FrameUpdate): void;
  /** Called once, with the best frame of the stable window (and of the clip); the receiver owns the bitmap. */
  onReady(best: BestFrame): void;
  /** A clip started: every frame from now on has to pass, or the clip is thrown away. */
  onClipStart?(): void;
  /** A sampled clip frame (a copy the receiver owns). */
  onClipFrame?(frame: ImageBitmap, timestamp: number): void;
  /** A frame failed during the clip: the clip must be discarded and the guidance starts over. */
  onClipAbort?(): void;
}

export class CaptureSession {
  private readonly autoCapture: AutoCapture;
  private readonly stabilizer = new GuidanceStabilizer();
  private readonly throttle = new AnnouncementThrottle();
  private readonly candidates = new Map<number, { bitmap: ImageBitmap; timestamp: number }>();
  private recent: FrameObservation[] = [];
  private previous: GateVerdict | null = null;
  private nextFrameId = 1;
  private done = false;
  /** The 'ok' shown is only the first frames' (no movement seen yet, the stillness window not yet full). */
  private provisionalOk = false;
  /** Width of the face in the latest analysed frame (full-frame pixels), to choose the next frame's scale. */
  private lastFaceWidth: number | null = null;
  /** Set while a clip is being recorded: when it began, and the best passing frame so far. */
  private clip: { startedAt: number; lastSampleAt: number; best: BestFrame } | null = null;

  constructor(private readonly options: CaptureSessionOptions) {
    this.autoCapture = new AutoCapture({ holdMs: options.holdMs, windowMs: options.windowMs });
  }

  get finished(): boolean {
    return this.done;
  }

  async processFrame(video: HTMLVideoElement, timestamp: number): Promise<void> {
    if (this.done || video.videoWidth === 0) return;
    // The full-resolution frame stays here for the capture; the detector gets a copy scaled to what it needs, taken
    // from the same video frame at the same time (both calls snapshot the frame shown now) rather than after.
    const scale = analysisScale(video.videoWidth, this.lastFaceWidth);
    const [fullCopy, scaledCopy] = await Promise.allSettled([createImageBitmap(video), analysisCopy(video, scale)]);
    if (fullCopy.status === 'rejected' || scaledCopy.status === 'rejected') {
      // One of the two failed: free the other before giving up on the frame.
      if (fullCopy.status === 'fulfilled') fullCopy.value.close();
      if (scaledCopy.status === 'fulfilled') scaledCopy.value?.close();
      throw fullCopy.status === 'rejected' ? fullCopy.reason : (scaledCopy as PromiseRejectedResult).reason;
    }
    const full = fullCopy.value;
    const scaled = scaledCopy.value;
    let analysis: FrameAnalysis;
    let bitmap: ImageBitmap;
    try {
      const source = scaled ?? full;
      const analyzed = await this.options.detector.analyze(source, timestamp);
      analysis = analyzed.analysis;
      // Unscaled, the frame went to the detector (a worker transfers it) and what comes back is the one to keep.
      if (source === full) bitmap = analyzed.bitmap;
      else {
        analyzed.bitmap.close();
        bitmap = full;
      }
    } catch (error) {
      full.close();
      throw error;
    }
    if (this.done) {
      bitmap.close();
      return;
    }
    const faces = analysis.faces.map((face) => scaleFace(face, scale));
    const frame = { width: bitmap.width, height: bitmap.height };
    const observation: FrameObservation = {
      timestamp,
      frame,
      faces,
      stats: analysis.stats,
      landmarks: analysis.landmarks,
    };
    const oval = ovalForFrame(frame.width, frame.height);
    const verdict = evaluateFrame(observation, this.recent, oval, this.options.thresholds, this.previous);
    this.previous = verdict;
    this.lastFaceWidth = verdict.face?.box.width ?? null;
    this.recent.push(observation);
    const keepMs = this.options.thresholds.stillWindowMs + HISTORY_MARGIN_MS;
    this.recent = this.recent.filter((o) => timestamp - o.timestamp <= keepMs);

    if (this.clip) {
      await this.continueClip(bitmap, verdict, timestamp);
      this.emitFrame(verdict, timestamp, analysis.inferenceMs, oval, frame, 1);
      return;
    }

    const frameId = this.nextFrameId++;
    const state = this.autoCapture.push(frameId, verdict, timestamp);
    if (verdict.pass && (verdict.capturable ?? true)) this.candidates.set(frameId, { bitmap, timestamp });
    else bitmap.close();
    this.pruneCandidates(state.best);

    this.emitFrame(verdict, timestamp, analysis.inferenceMs, oval, frame, state.progress);

    if (state.phase === 'ready' && state.best) {
      const chosen = this.candidates.get(state.best.frameId);
      if (chosen) {
        this.candidates.delete(state.best.frameId);
        const best = { bitmap: chosen.bitmap, verdict: state.best.verdict, timestamp: chosen.timestamp };
        if ((this.options.clipMs ?? 0) > 0) {
          this.clearCandidates();
          this.clip = { startedAt: timestamp, lastSampleAt: -Infinity, best };
          this.options.onClipStart?.();
        } else {
          this.finish();
          this.options.onReady(best);
        }
      }
    }
  }

  private emitFrame(
    verdict: GateVerdict,
    timestamp: number,
    inferenceMs: number,
    oval: Oval,
    frame: { width: number; height: number },
    progress: number,
  ): void {
    // The first frame's hint shows at once (see hintFor and GuidanceStabilizer); later changes are stabilised. An
    // 'ok' shown only because no movement was seen yet is provisional: the first real finding replaces it at once.
    const hint = hintFor(verdict);
    if (this.provisionalOk && hint !== 'ok') this.stabilizer.reset();
    const { shown, changed } = this.stabilizer.update(hint, timestamp);
    this.provisionalOk = shown === 'ok' && verdict.settling && (changed || this.provisionalOk);
    const announce = this.throttle.next(shown, timestamp);
    this.options.onFrame({ verdict, shown, shownChanged: changed, announce, progress, oval, frame, inferenceMs });
  }

  private async continueClip(bitmap: ImageBitmap, verdict: GateVerdict, timestamp: number): Promise<void> {
    const clip = this.clip!;
    if (!verdict.pass) {
      // One failing frame spoils the clip: nothing recorded so far may be sent.
      bitmap.close();
      clip.best.bitmap.close();
      this.clip = null;
      this.autoCapture.reset();
      this.options.onClipAbort?.();
      return;
    }
    const interval = this.options.clipFrameIntervalMs ?? 0;
    if (interval > 0 && this.options.onClipFrame && timestamp - clip.lastSampleAt >= interval) {
      clip.lastSampleAt = timestamp;
      this.options.onClipFrame(await createImageBitmap(bitmap), timestamp);
    }
    if ((verdict.capturable ?? true) && candidateScore(verdict) > candidateScore(clip.best.verdict)) {
      clip.best.bitmap.close();
      clip.best = { bitmap, verdict, timestamp };
    } else {
      bitmap.close();
    }
    if (timestamp - clip.startedAt >= (this.options.clipMs ?? 0)) {
      const best = clip.best;
      this.clip = null;
      this.finish();
      this.options.onReady(best);
    }
  }

  /** Stops the session and frees every kept frame. */
  finish(): void {
    this.done = true;
    this.clearCandidates();
    if (this.clip) {
      this.clip.best.bitmap.close();
      this.clip = null;
    }
  }

  private clearCandidates(): void {
    for (const { bitmap } of this.candidates.values()) bitmap.close();
    this.candidates.clear();
  }

  /** Keeps only frames that can still become the best one: the current best and those inside the window. */
  private pruneCandidates(best: CaptureCandidate | null): void {
    const newest = Math.max(...[...this.candidates.values()].map((c) => c.timestamp), 0);
    for (const [id, candidate] of this.candidates) {
      const inWindow = newest - candidate.timestamp <= this.options.windowMs;
      if (id !== best?.frameId && !inWindow) {
        candidate.bitmap.close();
        this.candidates.delete(id);
      }
    }
    // A failing frame resets auto-capture; frames from before the reset can never be chosen.
    if (!best) this.clearCandidates();
  }
}
