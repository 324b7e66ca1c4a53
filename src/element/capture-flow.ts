/**
 * The order of one attempt across the controllers: open the camera while detection loads, guide, capture,
 * package, then hand over to the submission. The element keeps its phase, its texts and its template.
 */
import { CameraController } from '../capture/camera-controller.js';
import { fetchCaptureOptions } from '../client/capture-options.js';
import { LivenessError } from '../errors.js';
import { emit } from '../events/index.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import type { PackagedCapture } from '../package/capture-package.js';
import { ClipRecorder } from '../package/clip-recorder.js';
import { probeRecorder } from '../package/recorder-probe.js';
import type { GateVerdict } from '../quality/gates.js';
import type { QualityThresholds } from '../quality/thresholds.js';
import { loadAfterGuidance, preloadAfterGuidance } from './after-guidance-loader.js';
import { DetectorController } from './detector-controller.js';
import { FocusController, type FocusHost } from './focus.js';
import { GuidanceController, type GuidanceHost } from './guidance-controller.js';
import type { PhaseEvent } from './phase.js';
import { checkSetup, type Setup } from './setup.js';
import { SignalsController } from './signals-controller.js';
import { asLivenessError, SubmissionController, type SubmissionHost } from './submission-controller.js';
import { VoiceController, type VoiceHost } from './voice-controller.js';
import type { VoiceStatus } from './voice.js';

export type FlowHost = GuidanceHost &
  VoiceHost &
  SubmissionHost &
  FocusHost &
  Setup & {
    readonly assets: string;
    readonly noWorker: boolean;
    readonly faceLandmarks: 'on' | 'off';
    readonly cameraId: string;
  };

export interface FlowOptions {
  /** Moves the element's phase; false when the phase refuses the event. */
  go(event: PhaseEvent): boolean;
  translator(): Translator;
  announce(text: string): void;
  setError(error: LivenessError | null): void;
  /** After a failure was shown and reported (the element may then offer the phone). */
  failed?(error: LivenessError): void;
}

export class CaptureFlow {
  readonly camera: CameraController;
  readonly detector: DetectorController;
  readonly guidance: GuidanceController;
  readonly submission: SubmissionController;
  /** Injection hints for the report: camera label and capabilities, frame timing, device and visibility changes. */
  private readonly signals: SignalsController;
  private readonly voiceGuide: VoiceController;
  /** The current attempt's quality thresholds, for guidance on a detector switched to mid-guidance. */
  private thresholds: QualityThresholds | null = null;
  /** The current attempt: every start and teardown aborts it, and its pending steps drop their results. */
  private attempt = new AbortController();

  // Created in this order because the host calls its controllers' hooks in the order they were added.
  constructor(
    private readonly host: FlowHost,
    private readonly options: FlowOptions,
  ) {
    const t = (key: MessageKey): string => options.translator().t(key);
    this.camera = new CameraController(host, {
      onEnded: () => this.fail(new LivenessError('camera-ended', 'The camera stopped during the capture.')),
    });
    this.detector = new DetectorController(host);
    const clip = new ClipRecorder(host, { stream: () => this.camera.stream, frameRate: () => this.camera.frameRate() });
    this.guidance = new GuidanceController(host, {
      video: () => this.video,
      clip,
      message: t,
      announce: (key) => {
        const text = t(key);
        options.announce(text);
        if (key.startsWith('hint.')) this.voiceGuide.say(text);
      },
      onFrameGood: () => this.voiceGuide.tick('frame-good'),
      onReady: (best) => void this.capture(best.bitmap, best.verdict, true),
      onError: (error) => this.fail(asLivenessError(error, 'capture-failed')),
      onDetectorStopped: (error) => void this.switchDetector(error),
    });
    new FocusController(host);
    this.signals = new SignalsController(host);
    this.voiceGuide = new VoiceController(host, {
      lang: () => options.translator().lang,
      isCurrent: (text) => this.guidance.hint !== null && t(`hint.${this.guidance.hint}`) === text,
    });
    this.submission = new SubmissionController(host, { go: options.go, onFail: (error) => this.fail(error) });
  }

  private get video(): HTMLVideoElement | null {
    return this.host.renderRoot.querySelector('video');
  }

  async start(): Promise<void> {
    const signal = this.teardown();
    this.options.setError(null);
    this.submission.reset();
    this.guidance.reset();
    this.detector.reset();
    this.signals.reset();
    const thresholds = checkSetup(this.host);
    if (thresholds instanceof LivenessError) return this.fail(thresholds);
    this.thresholds = thresholds;
    this.options.go('start');
    const started = performance.now();
    // The voice list loads while the camera opens; liveness-ready reports the outcome.
    const voice = this.voiceGuide.status();
    const recording = this.host.mode === 'video' && this.host.videoFormat === 'recording';
    // Which containers the providers accept, read while the camera opens; null (every type) when unknown.
    const accepted =
      recording && this.host.endpoint && this.host.token
        ? fetchCaptureOptions(this.host.endpoint, this.host.token, signal).then((options) => options?.clipTypes ?? null)
        : Promise.resolve(null);
    // Face detection loads while the camera permission prompt is open (see DetectorController).
    this.detector.load({
      assets: this.host.assets,
      minFaceScore: thresholds.minDetectionScore,
      minConfidence: thresholds.minConfidence,
      faceLandmarks: this.host.faceLandmarks !== 'off',
      preferMainThread: this.host.noWorker,
    });
    const video = await this.camera
      .preview(this.host.cameraId || undefined, () => this.video)
      .catch((error: unknown) => {
        if (!signal.aborted) this.fail(asLivenessError(error, 'camera-not-found'));
        return null;
      });
    if (!video || signal.aborted) return;
    this.guidance.previewStarted(video);
    this.signals.started(video, this.camera.stream);
    if (!this.options.go('preview')) return;
    const info = this.camera.info();
    if (info) emit(this.host, 'liveness-camera-change', { deviceId: info.deviceId, label: info.label });
    // In video mode the recorder is proven on the live camera while detection finishes loading.
    const stream = this.camera.stream;
    const probe = recording && stream ? accepted.then((types) => probeRecorder(stream, types)) : null;
    const outcome = await this.detector.settle();
    await probe;
    if (!outcome || signal.aborted) return;
    if ('error' in outcome) this.guidance.detectionUnavailable(outcome.error);
    const camera = info ?? { deviceId: '', label: '', ...this.guidance.frameSize };
    const loadMs = performance.now() - started;
    const voiceStatus: VoiceStatus = await voice;
    if (signal.aborted) return;
    emit(this.host, 'liveness-ready', {
      camera,
      detector: this.detector.runtime ?? 'unavailable',
      fallbacks: [...this.detector.fallbacks],
      loadMs,
      voice: voiceStatus,
    });
    if ('client' in outcome) {
      // What the capture needs but the first guidance does not loads once that guidance is on screen.
      this.host.addEventListener('liveness-guidance', () => preloadAfterGuidance(), { once: true, signal });
      this.guidance.begin(outcome.client, thresholds);
    }
  }

  /** The detector failed mid-guidance: the next runtime takes over (once), on the same camera stream. */
  private async switchDetector(error: unknown): Promise<void> {
    const { signal } = this.attempt;
    const next = await this.detector.fallback(error);
    if (signal.aborted || this.host.phase !== 'guiding') {
      next?.close();
      return;
    }
    if (next && this.thresholds) this.guidance.begin(next, this.thresholds);
    else this.guidance.detectionUnavailable(error);
  }

  async captureNow(): Promise<void> {
    const frame = await this.guidance.grabFrame(this.attempt.signal);
    if (frame) await this.capture(frame, this.guidance.lastVerdict, false);
  }

  private async capture(bitmap: ImageBitmap, verdict: GateVerdict | null, automatic: boolean): Promise<void> {
    const { signal } = this.attempt;
    if (!this.options.go('capture')) {
      bitmap.close();
      return;
    }
    // The signals describe the camera up to this frame.
    const signals = this.signals.snapshot();
    this.voiceGuide.tick('capture');
    const input = this.guidance.captured(bitmap, verdict, automatic);
    let packaged: PackagedCapture;
    try {
      const { packageCapture } = await loadAfterGuidance();
      packaged = await packageCapture(input);
    } catch (error) {
      if (!signal.aborted) this.fail(asLivenessError(error, 'capture-failed'));
      return;
    } finally {
      bitmap.close();
    }
    if (signal.aborted) return;
    // The picture is taken: release the camera now rather than keep the light on during the upload.
    this.releaseCapture();
    packaged = { ...packaged, report: { ...packaged.report, signals } };
    const { report, media, fileName, selfie } = packaged;
    emit(this.host, 'liveness-capture', { mode: report.mode, media, fileName, selfie, report });
    if (this.host.endpoint) await this.submission.submit(packaged);
    else this.options.go('captured');
  }

  /** Resumes the upload or the wait where that helps, else starts a new capture. */
  async retry(error: LivenessError | null): Promise<void> {
    this.options.setError(null);
    if (!(await this.submission.retry(error))) await this.start();
  }

  fail(error: LivenessError): void {
    this.releaseCapture();
    this.options.setError(error);
    this.guidance.paused = false;
    this.options.go('fail');
    this.options.announce(this.options.translator().t(`error.${error.code}` as MessageKey));
    emit(this.host, 'liveness-error', { code: error.code, message: error.message, recoverable: error.recoverable });
    this.options.failed?.(error);
  }

  /** Stops detection and the camera but keeps the prepared upload, so a failed upload can be re-sent. */
  private releaseCapture(): void {
    this.signals.stop();
    this.guidance.end();
    this.detector.close();
    this.camera.stop();
  }

  /** Ends the current attempt (its pending steps see their signal aborted); returns the next attempt's signal. */
  teardown(): AbortSignal {
    this.attempt.abort();
    this.attempt = new AbortController();
    this.submission.cancel();
    this.voiceGuide.cancel();
    this.releaseCapture();
    return this.attempt.signal;
  }
}
