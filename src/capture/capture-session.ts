/**
 * One guided capture: feeds camera frames to the detector, runs the quality gates, stabilises the hint, and
 * keeps the passing frames of the stable window so the best one can be captured. It never captures a frame
 * that failed a gate: only frames the gates passed are kept as candidates.
 */
import { AutoCapture, candidateScore, type CaptureCandidate } from '../quality/auto-capture.js';
import { evaluateFrame, type GateVerdict } from '../quality/gates.js';
import { AnnouncementThrottle, GuidanceStabilizer } from '../quality/guidance.js';
import { ovalForFrame } from '../quality/oval.js';
import type { QualityThresholds } from '../quality/thresholds.js';
import type { FrameObservation, GuidanceCode, Oval } from '../quality/types.js';
import type { DetectorClient } from './detector/detector-client.js';

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
    const source = await createImageBitmap(video);
    const { analysis, bitmap } = await this.options.detector.analyze(source, timestamp);
    if (this.done) {
      bitmap.close();
      return;
    }
    const frame = { width: bitmap.width, height: bitmap.height };
    const observation: FrameObservation = {
      timestamp,
      frame,
      faces: analysis.faces,
      stats: analysis.stats,
      landmarks: analysis.landmarks,
    };
    const oval = ovalForFrame(frame.width, frame.height);
    const verdict = evaluateFrame(observation, this.recent, oval, this.options.thresholds, this.previous);
    this.previous = verdict;
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
    const { shown, changed } = this.stabilizer.update(verdict.primary, timestamp);
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
