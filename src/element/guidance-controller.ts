/**
 * Guides the person while the camera plays: runs the frame loop over a capture session, keeps the hint and the
 * progress current, feeds the clip recorder in video mode, pauses while the page is hidden, and offers the
 * manual capture after a while (or at once when detection cannot run).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CaptureSession, type BestFrame, type FrameUpdate } from '../capture/capture-session.js';
import { DetectorStoppedError, type DetectorClient } from '../capture/detector/detector-client.js';
import { FrameLoop } from '../capture/frame-loop.js';
import { emit } from '../events/index.js';
import type { MessageKey } from '../i18n/index.js';
import type { CaptureInput } from '../package/capture-package.js';
import { ClipRecorder } from '../package/clip-recorder.js';
import type { GateVerdict } from '../quality/gates.js';
import type { QualityThresholds } from '../quality/thresholds.js';
import type { GuidanceCode } from '../quality/types.js';
import type { CaptureMode, CaptureReport } from '../shared/media.js';
import type { LivenessPhase } from './phase.js';

export type ManualReason = NonNullable<CaptureReport['manualReason']>;

/** Frame spacing of a multi-frame shotset clip: about ten frames over the default 2.5 s. */
const CLIP_SHOTSET_INTERVAL_MS = 250;
/** The best frame is chosen among the passing frames of this window (or of the hold, if shorter). */
const BEST_FRAME_WINDOW_MS = 600;

/** The element's settings and phase, as guidance reads them. */
export interface GuidanceHost extends ReactiveControllerHost, EventTarget {
  readonly phase: LivenessPhase;
  readonly mode: CaptureMode;
  readonly videoFormat: 'recording' | 'shotset';
  readonly holdDuration: number;
  readonly clipDuration: number;
  readonly manualCaptureAfter: number;
}

export interface GuidanceOptions {
  video(): HTMLVideoElement | null;
  clip: ClipRecorder;
  /** A text in the element's language. */
  message(key: MessageKey): string;
  /** Says `key` to screen readers (the element's live region). */
  announce(key: MessageKey): void;
  /** The session found its best frame; the receiver owns the bitmap. */
  onReady(best: BestFrame): void;
  onError(error: unknown): void;
  /** The frame passed every check after a frame that did not (the hold starts): the haptic tick. */
  onFrameGood?(): void;
  /**
   * The detector died mid-guidance: guidance has stopped and will not use that detector again. The receiver
   * either begins again with another runtime's detector or calls detectionUnavailable().
   */
  onDetectorStopped(error: DetectorStoppedError): void;
}

export class GuidanceController implements ReactiveController {
  hint: GuidanceCode | null = null;
  progress = 0;
  paused = false;
  frameSize = { width: 640, height: 480 };
  manualAvailable = false;
  manualReason: ManualReason | undefined;
  /** The verdict on the latest analysed frame, reported with a manual capture. */
  lastVerdict: GateVerdict | null = null;
  /** When the camera started playing, for the report's elapsed time. */
  guidingSince = 0;

  private detector: DetectorClient | null = null;
  private thresholds: QualityThresholds | null = null;
  private loop: FrameLoop | null = null;
  private session: CaptureSession | null = null;
  /** Aborted when the running session ends: its loop's late errors are then nobody's business. */
  private running: AbortController | null = null;
  private manualTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the latest analysed frame passed, to notice it becoming good. */
  private frameGood = false;

  constructor(
    private readonly host: GuidanceHost,
    private readonly options: GuidanceOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.end();
  }

  /** Forgets everything about the previous attempt. */
  reset(): void {
    this.end();
    this.hint = null;
    this.progress = 0;
    this.manualAvailable = false;
    this.manualReason = undefined;
    this.lastVerdict = null;
    this.paused = false;
    this.detector = null;
    this.thresholds = null;
    this.host.requestUpdate();
  }

  /** The camera plays: the manual-capture clock starts now. */
  previewStarted(video: HTMLVideoElement): void {
    this.frameSize = { width: video.videoWidth || 640, height: video.videoHeight || 480 };
    this.guidingSince = performance.now();
    clearTimeout(this.manualTimer);
    if (this.host.manualCaptureAfter > 0) {
      this.manualTimer = setTimeout(() => {
        if (this.host.phase === 'guiding') this.offerManualCapture('timeout');
      }, this.host.manualCaptureAfter);
    }
    this.host.requestUpdate();
  }

  /** Starts a fresh capture session; on a hidden page it waits for the page to be shown again. */
  begin(detector: DetectorClient, thresholds: QualityThresholds): void {
    this.detector = detector;
    this.thresholds = thresholds;
    this.stop();
    if (document.visibilityState === 'hidden') {
      this.pause();
      return;
    }
    this.paused = false;
    this.host.requestUpdate();
    const video = this.options.video();
    if (!video) return;
    const running = new AbortController();
    this.running = running;
    const { clip } = this.options;
    const clipKind = ClipRecorder.kindFor(this.host.mode, this.host.videoFormat);
    const session = new CaptureSession({
      detector,
      thresholds,
      holdMs: this.host.holdDuration,
      windowMs: Math.min(BEST_FRAME_WINDOW_MS, this.host.holdDuration),
      clipMs: clipKind ? this.host.clipDuration : 0,
      clipFrameIntervalMs: clipKind === 'frames' ? CLIP_SHOTSET_INTERVAL_MS : 0,
      onFrame: (update) => this.onFrame(update),
      onReady: (best) => this.options.onReady(best),
      onClipStart: () => {
        try {
          if (clipKind) clip.start(clipKind, this.host.clipDuration);
        } catch (error) {
          this.options.onError(error);
        }
      },
      onClipFrame: (frame) => clip.addFrame(frame),
      onClipAbort: () => clip.discard(),
    });
    this.session = session;
    this.loop = new FrameLoop(
      video,
      (timestamp) => session.processFrame(video, timestamp),
      (error) => {
        if (running.signal.aborted || session.finished) return;
        if (error instanceof DetectorStoppedError) {
          this.detector = null;
          this.stop();
          this.options.onDetectorStopped(error);
        } else if (this.host.phase === 'guiding') {
          this.options.onError(error);
        }
      },
    );
    this.loop.start();
  }

  /** Stops analysing frames and drops the session's frames and any clip in progress (the manual offer stays). */
  stop(): void {
    this.running?.abort();
    this.running = null;
    this.loop?.stop();
    this.loop = null;
    this.session?.finish();
    this.session = null;
    this.frameGood = false;
    this.options.clip.discard();
  }

  /** Guidance is over for this attempt: the frame loop and the manual-capture clock stop. */
  end(): void {
    clearTimeout(this.manualTimer);
    this.stop();
  }

  /**
   * A copy of the current frame for a manual capture; null while not guiding or paused, and when the attempt
   * ended (or the automatic capture fired) while the frame was being copied: one capture per attempt.
   */
  async grabFrame(attempt: AbortSignal): Promise<ImageBitmap | null> {
    const video = this.options.video();
    if (this.host.phase !== 'guiding' || this.paused || !video || video.videoWidth === 0) return null;
    const bitmap = await createImageBitmap(video);
    if (!attempt.aborted && this.host.phase === 'guiding') return bitmap;
    bitmap.close();
    return null;
  }

  /** The frame is taken: guidance ends with a full progress bar and hands over what packaging needs. */
  captured(bitmap: ImageBitmap, verdict: GateVerdict | null, automatic: boolean): CaptureInput {
    // An automatic capture keeps its clip; ending guidance throws away any other (a manual capture has none).
    const clip = automatic ? this.options.clip.take() : null;
    const clipFallback =
      clip?.kind === 'frames' ? ClipRecorder.fallbackFor(this.host.mode, this.host.videoFormat) : undefined;
    this.end();
    this.progress = 1;
    this.host.requestUpdate();
    return {
      bitmap,
      verdict,
      mode: this.host.mode,
      automatic,
      ...(automatic ? {} : { manualReason: this.manualReason ?? 'timeout' }),
      ...(clipFallback ? { clipFallback } : {}),
      clip,
      elapsedMs: performance.now() - this.guidingSince,
    };
  }

  /** Not fatal: guidance cannot run (or stopped), but the person can still take the photo themselves. */
  detectionUnavailable(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    emit(this.host, 'liveness-error', { code: 'model-load-failed', message, recoverable: true });
    this.offerManualCapture('detector-unavailable');
  }

  private offerManualCapture(reason: ManualReason): void {
    // Detection failing is the stronger reason: it explains why automatic capture never came.
    this.manualReason = reason === 'detector-unavailable' ? reason : (this.manualReason ?? reason);
    this.manualAvailable = true;
    this.options.announce(reason === 'timeout' ? 'manual.hint' : 'error.model-load-failed');
    this.host.requestUpdate();
  }

  private onFrame(update: FrameUpdate): void {
    this.lastVerdict = update.verdict;
    this.progress = update.progress;
    if (update.frame.width !== this.frameSize.width || update.frame.height !== this.frameSize.height) {
      this.frameSize = update.frame;
    }
    if (update.shownChanged || this.hint === null) {
      this.hint = update.shown;
      emit(this.host, 'liveness-guidance', {
        code: update.shown,
        failing: update.verdict.failing,
        metrics: update.verdict.metrics,
        message: this.options.message(`hint.${update.shown}`),
      });
    }
    if (update.verdict.pass && !this.frameGood) this.options.onFrameGood?.();
    this.frameGood = update.verdict.pass;
    if (update.announce) this.options.announce(`hint.${update.announce}`);
    this.host.requestUpdate();
  }

  private readonly onVisibilityChange = (): void => {
    if (this.host.phase !== 'guiding') return;
    if (document.visibilityState === 'hidden') this.pause();
    else if (this.paused) this.resume();
  };

  /**
   * Frames seen before the page was hidden say nothing about the person now, so the session (and any clip) is
   * dropped and the hold starts again on resume. The camera stays open to avoid a second permission prompt.
   */
  private pause(): void {
    this.stop();
    this.paused = true;
    this.hint = null;
    this.progress = 0;
    this.options.announce('status.paused');
    this.host.requestUpdate();
  }

  private resume(): void {
    this.paused = false;
    this.host.requestUpdate();
    if (this.detector && this.thresholds) this.begin(this.detector, this.thresholds);
  }
}
