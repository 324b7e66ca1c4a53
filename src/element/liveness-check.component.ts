import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { resolveAssets } from '../assets.js';
import { uploadCapture, waitForCheck, type CheckStatus, type UploadAccepted } from '../client/backend-client.js';
import { CameraController } from '../capture/camera-controller.js';
import { CaptureSession, type FrameUpdate } from '../capture/capture-session.js';
import { startDetector, type DetectorClient } from '../capture/detector/detector-client.js';
import { FrameLoop } from '../capture/frame-loop.js';
import { LivenessError, type LivenessErrorCode } from '../errors.js';
import { emit, type DetectorRuntime } from '../events/index.js';
import { createTranslator, type MessageKey, type Messages, type Translator } from '../i18n/index.js';
import { packageCapture, type ClipSource, type PackagedCapture } from '../package/capture-package.js';
import { encodeJpeg } from '../package/jpeg.js';
import { startClipRecording, supportedClipType } from '../package/video.js';
import type { GateVerdict } from '../quality/gates.js';
import { ovalForFrame } from '../quality/oval.js';
import { resolveThresholds, type QualityThresholds } from '../quality/thresholds.js';
import type { GuidanceCode, Oval } from '../quality/types.js';
import { CAPTURE_MODES, type CaptureMode, type CaptureReport } from '../shared/media.js';
import { focusScreen, screenOf, shouldMoveFocus, type FocusContext } from './focus.js';
import { cssomStyle } from './cssom-style.js';
import { styles } from './liveness-check.styles.js';
import type { LivenessPhase } from './phase.js';

export type { LivenessPhase } from './phase.js';

interface PreparedUpload extends PackagedCapture {
  /** Kept with the capture so a re-send is recognised by the backend as the same upload. */
  idempotencyKey: string;
}

type ManualReason = NonNullable<CaptureReport['manualReason']>;

/** Frame spacing of a multi-frame shotset clip: about ten frames over the default 2.5 s. */
const CLIP_SHOTSET_INTERVAL_MS = 250;
/** MediaPipe drops detections below this; the gates apply their own, higher floor (`minDetectionScore`). */
const DETECTOR_MIN_CONFIDENCE = 0.3;
/** The best frame is chosen among the passing frames of this window (or of the hold, if shorter). */
const BEST_FRAME_WINDOW_MS = 600;

/**
 * @summary A guided selfie capture that checks the frame on the device, captures the best frame automatically,
 * and hands it to your backend for a liveness verdict.
 *
 * @attribute lang - Language of the texts (a BCP 47 tag); when absent, the closest ancestor's `lang`, then the page's.
 *
 * @event liveness-ready - Camera playing and face detection ready (or unavailable, with manual capture offered).
 * @event liveness-guidance - The hint shown to the person changed; carries the reason code and the metrics.
 * @event liveness-capture - A capture was taken and packaged; carries the media and its report.
 * @event liveness-submitted - The backend accepted the upload; carries the check id.
 * @event liveness-complete - The backend finished the check; the verdict itself is read server side.
 * @event liveness-error - Something failed; carries a stable code, a message and whether retrying can help.
 * @event liveness-camera-change - The camera in use changed.
 *
 * @slot start - Replaces the default start screen content (the start button stays).
 * @slot success - Replaces the default "done" screen content.
 * @slot error - Extra content for the error screen (the message and retry button stay).
 *
 * @csspart base - The wrapper of everything.
 * @csspart stage - The video area.
 * @csspart video - The mirrored camera preview.
 * @csspart overlay - The SVG over the video.
 * @csspart oval - The guide oval.
 * @csspart status - Status text: over the video (opening, loading, paused, capturing) and while sending.
 * @csspart hint - The current instruction.
 * @csspart progress - The capture progress bar (the track).
 * @csspart progress-bar - The filled part of the progress bar.
 * @csspart manual-hint - The text offering manual capture.
 * @csspart button - Every button.
 * @csspart start-button - The start button.
 * @csspart capture-button - The manual capture button.
 * @csspart retry-button - The retry button.
 * @csspart camera-select - The camera switcher.
 * @csspart screen - The start, sending, done and error screens.
 * @csspart error-message - The error text.
 *
 * @cssproperty --liveness-accent - Buttons and focus ring colour.
 * @cssproperty --liveness-on-accent - Button text colour.
 * @cssproperty --liveness-ok - Oval and progress colour when the frame is good.
 * @cssproperty --liveness-text - Text colour.
 * @cssproperty --liveness-muted - Secondary text colour.
 * @cssproperty --liveness-error - Error text colour.
 * @cssproperty --liveness-surface - Background colour.
 * @cssproperty --liveness-track - Background of the progress bar.
 * @cssproperty --liveness-backdrop - The dimmed area around the oval.
 * @cssproperty --liveness-oval-stroke - The oval colour while guiding.
 * @cssproperty --liveness-radius - Corner radius of the video.
 * @cssproperty --liveness-font - Font family.
 */
export class LivenessCheckElement extends LitElement {
  static override styles = styles;

  static override properties = {
    token: {},
    endpoint: {},
    mode: {},
    assets: {},
    autostart: { type: Boolean },
    cameraId: { attribute: 'camera-id' },
    manualCaptureAfter: { type: Number, attribute: 'manual-capture-after' },
    holdDuration: { type: Number, attribute: 'hold-duration' },
    strings: { attribute: false },
    thresholds: { attribute: false },
    noWorker: { type: Boolean, attribute: 'no-worker' },
    videoFormat: { attribute: 'video-format' },
    clipDuration: { type: Number, attribute: 'clip-duration' },
    phase: { state: true },
    hint: { state: true },
    announcement: { state: true },
    progress: { state: true },
    detectorRuntime: { state: true },
    manualAvailable: { state: true },
    paused: { state: true },
    frameSize: { state: true },
    error: { state: true },
  };

  /** Short-lived capture token minted by your backend (`POST /sessions`). */
  declare token: string;
  /** Base URL of the backend token endpoint. Without it the widget only captures and emits `liveness-capture`. */
  declare endpoint: string;
  /** `image` (a JPEG), `shotset` (a ZIP of one JPEG tagged video_selfie_blank) or `video`. */
  declare mode: CaptureMode;
  /** Base URL of the WASM and model files; defaults to the `assets/` folder served with the package. */
  declare assets: string;
  /** Open the camera at once instead of showing the start screen (the page must already have explained why). */
  declare autostart: boolean;
  /** Use this camera (a `deviceId` from `enumerateDevices`) instead of the user-facing default. */
  declare cameraId: string;
  /**
   * Milliseconds of guiding after which a manual capture button appears; 0 never offers it (unless detection
   * cannot run, when it is offered at once).
   */
  declare manualCaptureAfter: number;
  /** Milliseconds the frame must stay good before the automatic capture. */
  declare holdDuration: number;
  /** Per-key text overrides, e.g. `{ 'hint.too-far': 'Come closer' }`. */
  declare strings: Partial<Messages>;
  /** Overrides of the quality thresholds (see the README's quality gates table). */
  declare thresholds: Partial<QualityThresholds>;
  /** Run detection on the main thread instead of a worker (for hosts whose CSP forbids workers). */
  declare noWorker: boolean;
  /**
   * In `video` mode: `recording` (MP4 or WebM via MediaRecorder; a ZIP of frames where the browser cannot record)
   * or `shotset` (a ZIP of about ten frames, which Oz treats as a video).
   */
  declare videoFormat: 'recording' | 'shotset';
  /** In `video` mode: milliseconds of clip recorded while every frame stays good. */
  declare clipDuration: number;
  /** Where the check is now: intro, starting, guiding, capturing, uploading, processing, done or error. */
  declare phase: LivenessPhase;
  declare private hint: GuidanceCode | null;
  declare private announcement: string;
  declare private progress: number;
  declare private detectorRuntime: DetectorRuntime | null;
  declare private manualAvailable: boolean;
  declare private paused: boolean;
  declare private frameSize: { width: number; height: number };
  declare private error: LivenessError | null;

  private readonly camera = new CameraController(this, {
    onEnded: () => this.fail(new LivenessError('camera-ended', 'The camera stopped during the capture.')),
  });
  private detector: DetectorClient | null = null;
  private thresholdsInUse: QualityThresholds | null = null;
  private loop: FrameLoop | null = null;
  private session: CaptureSession | null = null;
  private clip: ClipSource | null = null;
  private lastVerdict: GateVerdict | null = null;
  private guidingSince = 0;
  private manualTimer: ReturnType<typeof setTimeout> | undefined;
  private manualReason: ManualReason | undefined;
  /** Bumped by every start and teardown: async work from an older run checks it and drops its result. */
  private runSerial = 0;
  private pendingUpload: PreparedUpload | null = null;
  /** The check the backend accepted and has not finished yet. */
  private acceptedCheck: UploadAccepted | null = null;
  private uploadAbort: AbortController | null = null;
  private focusPending = false;

  constructor() {
    super();
    this.token = '';
    this.endpoint = '';
    this.mode = 'shotset';
    this.assets = '';
    this.autostart = false;
    this.cameraId = '';
    this.manualCaptureAfter = 20_000;
    this.holdDuration = 1_000;
    this.strings = {};
    this.thresholds = {};
    this.noWorker = false;
    this.videoFormat = 'recording';
    this.clipDuration = 2_500;
    this.phase = 'intro';
    this.hint = null;
    this.announcement = '';
    this.progress = 0;
    this.detectorRuntime = null;
    this.manualAvailable = false;
    this.paused = false;
    this.frameSize = { width: 640, height: 480 };
    this.error = null;
  }

  // `lang` is a native property, so it is observed here rather than declared: a change re-renders the texts.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.teardown();
    // The camera and any upload are gone: if the element is put back, it offers to start again.
    const outcome = this.phase === 'done' || this.phase === 'error';
    if (!outcome) this.phase = 'intro';
  }

  protected override firstUpdated(): void {
    // Start after this first update settles: starting changes state, which would re-render mid-update.
    if (this.autostart) void this.updateComplete.then(() => this.start());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Decided before rendering: afterwards the control that had focus may already be gone.
    const from = changed.get('phase');
    if (changed.has('phase') && from !== undefined) {
      this.focusPending ||= shouldMoveFocus(from, this.phase, this.focusContext());
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.focusPending) {
      this.focusPending = false;
      focusScreen(this.renderRoot);
    }
    const cameraOpen = this.phase === 'starting' || this.phase === 'guiding';
    if (changed.has('cameraId') && changed.get('cameraId') !== undefined && cameraOpen) {
      // Restart once this update has finished: starting sets state, which must not happen inside an update.
      void this.updateComplete.then(() => this.start());
    }
  }

  /** Opens the camera and starts guiding. Safe to call again: it restarts the capture. */
  async start(): Promise<void> {
    this.teardown();
    const run = ++this.runSerial;
    this.resetAttempt();
    const thresholds = this.validateSetup();
    if (!thresholds) return;
    this.thresholdsInUse = thresholds;
    this.phase = 'starting';
    this.announcement = this.translator.t('status.starting');
    const started = performance.now();
    // Face detection loads while the camera permission prompt is open: the WASM download and compile overlap
    // the person's decision instead of following it.
    const detectorLoad = this.loadDetector(thresholds);
    if (!(await this.openPreview(run))) {
      void detectorLoad.then((outcome) => ('client' in outcome ? outcome.client.close() : undefined));
      return;
    }
    const info = this.camera.info();
    if (info) emit(this, 'liveness-camera-change', { deviceId: info.deviceId, label: info.label });
    this.guidingSince = performance.now();
    this.scheduleManualOffer();

    const detector = await this.settleDetector(run, detectorLoad);
    if (run !== this.runSerial) {
      detector?.close();
      return;
    }
    this.detector = detector;
    this.detectorRuntime = detector?.runtime ?? 'unavailable';
    emit(this, 'liveness-ready', {
      camera: info ?? { deviceId: '', label: '', width: this.frameSize.width, height: this.frameSize.height },
      detector: this.detectorRuntime,
      loadMs: performance.now() - started,
    });
    if (detector) this.beginGuidance(detector, thresholds);
  }

  /** Stops the camera and detection and returns to the start screen. */
  stop(): void {
    this.teardown();
    this.phase = 'intro';
  }

  /**
   * Discards the current attempt and guides again. Ignored once an upload was sent to the endpoint: the capture
   * token is single use, so a new attempt needs a new token (set `token`, then call `start()`).
   */
  async retake(): Promise<void> {
    const sent = this.phase === 'uploading' || this.phase === 'processing' || this.phase === 'done';
    if (this.endpoint && (sent || this.acceptedCheck)) return;
    await this.start();
  }

  /** Takes the photo now, whatever the gates say; the report records that it was manual. */
  async captureNow(): Promise<void> {
    const video = this.video;
    if (this.phase !== 'guiding' || this.paused || !video || video.videoWidth === 0) return;
    const run = this.runSerial;
    const bitmap = await createImageBitmap(video);
    // The automatic capture may have fired while the frame was being copied: one capture per attempt.
    if (run !== this.runSerial || this.phase !== 'guiding') {
      bitmap.close();
      return;
    }
    await this.capture(bitmap, this.lastVerdict, false);
  }

  private get video(): HTMLVideoElement | null {
    return this.renderRoot.querySelector('video');
  }

  private get translator(): Translator {
    return createTranslator(this.effectiveLang(), this.strings);
  }

  private effectiveLang(): string {
    if (this.lang) return this.lang;
    const scoped = this.closest('[lang]');
    return (scoped as HTMLElement | null)?.lang || document.documentElement.lang || navigator.language || 'en';
  }

  private resetAttempt(): void {
    this.error = null;
    this.pendingUpload = null;
    this.acceptedCheck = null;
    this.hint = null;
    this.progress = 0;
    this.manualAvailable = false;
    this.manualReason = undefined;
    this.lastVerdict = null;
    this.detectorRuntime = null;
    this.paused = false;
  }

  /** Integrator mistakes are reported before the camera is requested: the person is never asked in vain. */
  private validateSetup(): QualityThresholds | null {
    if (!CAPTURE_MODES.includes(this.mode)) {
      const message = `Unknown mode "${this.mode}": use image, shotset or video.`;
      this.fail(new LivenessError('capture-failed', message, false));
      return null;
    }
    if (this.endpoint && !this.token) {
      this.fail(new LivenessError('token-missing', 'The element has an endpoint but no capture token.', false));
      return null;
    }
    try {
      return resolveThresholds(this.thresholds);
    } catch (error) {
      this.fail(new LivenessError('capture-failed', (error as Error).message, false));
      return null;
    }
  }

  /** Opens the camera and plays it in the preview; false when this run failed or was superseded. */
  private async openPreview(run: number): Promise<boolean> {
    let stream: MediaStream;
    try {
      stream = await this.camera.start(this.cameraId || undefined);
    } catch (error) {
      if (run === this.runSerial) this.fail(asLivenessError(error, 'camera-not-found'));
      return false;
    }
    await this.updateComplete;
    const video = this.video;
    if (run !== this.runSerial || !video) return false;
    video.srcObject = stream;
    try {
      await video.play();
    } catch (error) {
      if (run === this.runSerial) this.fail(asLivenessError(error, 'camera-in-use'));
      return false;
    }
    if (run !== this.runSerial) return false;
    this.frameSize = { width: video.videoWidth || 640, height: video.videoHeight || 480 };
    this.phase = 'guiding';
    return true;
  }

  /** Loads face detection, or offers manual capture when it cannot run; null in that case. */
  private loadDetector(thresholds: QualityThresholds): Promise<{ client: DetectorClient } | { error: unknown }> {
    return startDetector({
      assets: resolveAssets(this.assets),
      minDetectionConfidence: DETECTOR_MIN_CONFIDENCE,
      minFaceScore: thresholds.minDetectionScore,
      preferMainThread: this.noWorker,
    }).then(
      (client) => ({ client }),
      (error: unknown) => ({ error }),
    );
  }

  private async settleDetector(
    run: number,
    load: Promise<{ client: DetectorClient } | { error: unknown }>,
  ): Promise<DetectorClient | null> {
    const outcome = await load;
    if ('client' in outcome) return outcome.client;
    if (run !== this.runSerial) return null;
    // Not fatal: guidance cannot run, but the person can still take the photo themselves.
    const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    emit(this, 'liveness-error', { code: 'model-load-failed', message: reason, recoverable: true });
    this.offerManualCapture('detector-unavailable');
    return null;
  }

  /** Starts a fresh capture session; on a hidden page it waits for the page to be shown again. */
  private beginGuidance(detector: DetectorClient, thresholds: QualityThresholds): void {
    this.stopGuidance();
    if (document.visibilityState === 'hidden') {
      this.pause();
      return;
    }
    this.paused = false;
    const video = this.video;
    if (!video) return;
    const clipKind = this.clipKind();
    const session = new CaptureSession({
      detector,
      thresholds,
      holdMs: this.holdDuration,
      windowMs: Math.min(BEST_FRAME_WINDOW_MS, this.holdDuration),
      clipMs: clipKind ? this.clipDuration : 0,
      clipFrameIntervalMs: clipKind === 'frames' ? CLIP_SHOTSET_INTERVAL_MS : 0,
      onFrame: (update) => this.onFrame(update),
      onReady: (best) => void this.capture(best.bitmap, best.verdict, true),
      onClipStart: () => this.startClip(clipKind),
      onClipFrame: (frame) => this.addClipFrame(frame),
      onClipAbort: () => this.discardClip(),
    });
    this.session = session;
    this.loop = new FrameLoop(
      video,
      (timestamp) => session.processFrame(video, timestamp),
      (error) => {
        if (this.phase === 'guiding' && !session.finished) this.fail(asLivenessError(error, 'capture-failed'));
      },
    );
    this.loop.start();
  }

  /** Stops analysing frames and drops the session's frames and any clip in progress. */
  private stopGuidance(): void {
    this.loop?.stop();
    this.loop = null;
    this.session?.finish();
    this.session = null;
    this.discardClip();
  }

  /** How a video-mode clip is gathered; browsers that cannot record get the multi-frame shotset instead. */
  private clipKind(): ClipSource['kind'] | null {
    if (this.mode !== 'video') return null;
    return this.videoFormat === 'recording' && supportedClipType() ? 'recording' : 'frames';
  }

  private startClip(kind: ClipSource['kind'] | null): void {
    this.discardClip();
    if (kind === 'frames') {
      this.clip = { kind: 'frames', frames: [] };
      return;
    }
    const stream = this.camera.stream;
    try {
      if (!stream) throw new Error('the camera stream is gone');
      const recording = startClipRecording(stream);
      this.clip = { kind: 'recording', recording, frameRate: this.camera.frameRate(), durationMs: this.clipDuration };
    } catch (error) {
      this.fail(asLivenessError(error, 'capture-failed'));
    }
  }

  private addClipFrame(frame: ImageBitmap): void {
    if (this.clip?.kind !== 'frames') {
      frame.close();
      return;
    }
    const jpeg = encodeJpeg(frame)
      .then((encoded) => encoded.blob)
      .finally(() => frame.close());
    // Awaited when the clip is packaged; a discarded clip's failed encoding must not surface as unhandled.
    jpeg.catch(() => undefined);
    this.clip.frames.push(jpeg);
  }

  private takeClip(): ClipSource | null {
    const clip = this.clip;
    this.clip = null;
    return clip;
  }

  private discardClip(): void {
    if (this.clip?.kind === 'recording') this.clip.recording.cancel();
    this.clip = null;
  }

  private onFrame(update: FrameUpdate): void {
    this.lastVerdict = update.verdict;
    this.progress = update.progress;
    if (update.frame.width !== this.frameSize.width || update.frame.height !== this.frameSize.height) {
      this.frameSize = update.frame;
    }
    if (update.shownChanged || this.hint === null) {
      this.hint = update.shown;
      emit(this, 'liveness-guidance', {
        code: update.shown,
        failing: update.verdict.failing,
        metrics: update.verdict.metrics,
        message: this.translator.t(`hint.${update.shown}`),
      });
    }
    if (update.announce) this.announcement = this.translator.t(`hint.${update.announce}`);
  }

  private async capture(bitmap: ImageBitmap, verdict: GateVerdict | null, automatic: boolean): Promise<void> {
    const run = this.runSerial;
    // An automatic capture keeps its clip; stopping guidance throws away any other (a manual capture has none).
    const clip = automatic ? this.takeClip() : null;
    this.stopGuidance();
    clearTimeout(this.manualTimer);
    this.phase = 'capturing';
    this.announcement = this.translator.t('status.capturing');
    this.progress = 1;
    let packaged: PackagedCapture;
    try {
      packaged = await packageCapture({
        bitmap,
        verdict,
        mode: this.mode,
        automatic,
        ...(automatic ? {} : { manualReason: this.manualReason ?? 'timeout' }),
        clip,
        elapsedMs: performance.now() - this.guidingSince,
      });
    } catch (error) {
      if (run === this.runSerial) this.fail(asLivenessError(error, 'capture-failed'));
      return;
    } finally {
      bitmap.close();
    }
    if (run !== this.runSerial) return;
    // The picture is taken: release the camera now rather than keep the light on during the upload.
    this.releaseCapture();
    emit(this, 'liveness-capture', {
      mode: packaged.report.mode,
      media: packaged.media,
      fileName: packaged.fileName,
      selfie: packaged.selfie,
      report: packaged.report,
    });
    if (!this.endpoint) {
      this.phase = 'done';
      this.announcement = this.translator.t('status.done');
      return;
    }
    this.pendingUpload = { ...packaged, idempotencyKey: crypto.randomUUID() };
    await this.submit(this.pendingUpload);
  }

  private async submit(prepared: PreparedUpload): Promise<void> {
    const run = this.runSerial;
    const signal = this.newRequestSignal();
    this.phase = 'uploading';
    this.announcement = this.translator.t('status.uploading');
    let accepted: UploadAccepted;
    try {
      accepted = await uploadCapture({
        endpoint: this.endpoint,
        token: this.token,
        media: prepared.media,
        fileName: prepared.fileName,
        selfie: prepared.selfie,
        report: prepared.report,
        idempotencyKey: prepared.idempotencyKey,
        signal,
      });
    } catch (error) {
      if (run === this.runSerial && !signal.aborted) this.fail(asLivenessError(error, 'upload-failed'));
      return;
    }
    if (run !== this.runSerial) return;
    this.pendingUpload = null;
    this.acceptedCheck = accepted;
    emit(this, 'liveness-submitted', accepted);
    await this.awaitVerdict(accepted);
  }

  /** Waits for the accepted check to finish; a retry after a failure here resumes the wait, not the capture. */
  private async awaitVerdict(accepted: UploadAccepted): Promise<void> {
    const run = this.runSerial;
    const signal = this.newRequestSignal();
    this.phase = 'processing';
    this.announcement = this.translator.t('status.processing');
    let status: CheckStatus;
    try {
      status = await waitForCheck(this.endpoint, this.token, accepted.checkId, { signal });
    } catch (error) {
      if (run === this.runSerial && !signal.aborted) this.fail(asLivenessError(error, 'network'));
      return;
    }
    if (run !== this.runSerial) return;
    this.acceptedCheck = null;
    const final = status.status === 'done' ? 'done' : 'failed';
    emit(this, 'liveness-complete', {
      checkId: accepted.checkId,
      sessionId: accepted.sessionId,
      status: final,
      ...(status.result !== undefined ? { result: status.result } : {}),
    });
    if (final === 'done') {
      this.phase = 'done';
      this.announcement = this.translator.t('status.done');
    } else {
      this.fail(new LivenessError('check-failed', 'The backend could not complete the check.', false));
    }
  }

  private newRequestSignal(): AbortSignal {
    this.uploadAbort?.abort();
    this.uploadAbort = new AbortController();
    return this.uploadAbort.signal;
  }

  /**
   * The capture token is single use: once an upload was accepted, a retry waits for that check again; a failed
   * upload is re-sent as it was (same idempotency key); anything else starts a new capture.
   */
  private async retry(): Promise<void> {
    const error = this.error;
    if (this.acceptedCheck && error?.recoverable) {
      this.error = null;
      await this.awaitVerdict(this.acceptedCheck);
    } else if (this.pendingUpload && (error?.code === 'upload-failed' || error?.code === 'network')) {
      this.error = null;
      await this.submit(this.pendingUpload);
    } else {
      await this.start();
    }
  }

  private fail(error: LivenessError): void {
    this.releaseCapture();
    this.error = error;
    this.paused = false;
    this.phase = 'error';
    this.announcement = this.translator.t(`error.${error.code}` as MessageKey);
    emit(this, 'liveness-error', { code: error.code, message: error.message, recoverable: error.recoverable });
  }

  /** Stops detection and the camera but keeps the prepared upload, so a failed upload can be re-sent. */
  private releaseCapture(): void {
    clearTimeout(this.manualTimer);
    this.stopGuidance();
    this.detector?.close();
    this.detector = null;
    this.camera.stop();
    const video = this.video;
    if (video) video.srcObject = null;
  }

  private teardown(): void {
    this.runSerial++;
    this.uploadAbort?.abort();
    this.uploadAbort = null;
    this.releaseCapture();
  }

  private scheduleManualOffer(): void {
    clearTimeout(this.manualTimer);
    if (this.manualCaptureAfter > 0) {
      this.manualTimer = setTimeout(() => {
        if (this.phase === 'guiding') this.offerManualCapture('timeout');
      }, this.manualCaptureAfter);
    }
  }

  private offerManualCapture(reason: ManualReason): void {
    // Detection failing is the stronger reason: it explains why automatic capture never came.
    this.manualReason = reason === 'detector-unavailable' ? reason : (this.manualReason ?? reason);
    this.manualAvailable = true;
    this.announcement = this.translator.t(reason === 'timeout' ? 'manual.hint' : 'error.model-load-failed');
  }

  private readonly onVisibilityChange = (): void => {
    if (this.phase !== 'guiding') return;
    if (document.visibilityState === 'hidden') this.pause();
    else if (this.paused) this.resume();
  };

  /**
   * Frames seen before the page was hidden say nothing about the person now, so the session (and any clip) is
   * dropped and the hold starts again on resume. The camera stays open to avoid a second permission prompt.
   */
  private pause(): void {
    this.stopGuidance();
    this.paused = true;
    this.hint = null;
    this.progress = 0;
    this.announcement = this.translator.t('status.paused');
  }

  private resume(): void {
    this.paused = false;
    if (this.detector && this.thresholdsInUse) this.beginGuidance(this.detector, this.thresholdsInUse);
  }

  private focusContext(): FocusContext {
    const active = document.activeElement;
    const focusInside = active !== null && (active === this || this.contains(active));
    return { focusInside, focusElsewhere: !focusInside && active !== null && active !== document.body };
  }

  private readonly onStartClick = (): void => void this.start();

  private onCameraSelect(event: Event): void {
    this.cameraId = (event.target as HTMLSelectElement).value;
  }

  protected override render(): TemplateResult {
    const i18n = this.translator;
    const screen = screenOf(this.phase);
    return html`
      <div part="base" class="base" lang=${i18n.lang} dir=${i18n.dir}>
        ${screen === 'intro' ? this.renderIntro(i18n) : nothing}
        ${this.renderStage(i18n, screen === 'camera')}
        ${screen === 'camera' ? this.renderGuidance(i18n) : nothing}
        ${screen === 'progress' ? this.renderSending(i18n) : nothing}
        ${screen === 'done' ? this.renderDone(i18n) : nothing}
        ${screen === 'error' && this.error ? this.renderError(i18n, this.error) : nothing}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>
    `;
  }

  private renderIntro(i18n: Translator): TemplateResult {
    return html`<div part="screen" class="screen">
      <slot name="start">
        <h2>${i18n.t('intro.title')}</h2>
        <p>${i18n.t('intro.body')}</p>
      </slot>
      <button part="button start-button" data-autofocus @click=${this.onStartClick}>${i18n.t('intro.start')}</button>
    </div>`;
  }

  // The stage stays in the DOM on every screen so the <video> element, and its stream, survive re-renders.
  private renderStage(i18n: Translator, visible: boolean): TemplateResult {
    return html`<div
      part="stage"
      class="stage"
      role="group"
      aria-label=${i18n.t('video.label')}
      tabindex="-1"
      ?data-autofocus=${visible}
      ?hidden=${!visible}
      ${cssomStyle({ 'aspect-ratio': `${this.frameSize.width} / ${this.frameSize.height}` })}
    >
      <video part="video" muted playsinline aria-hidden="true"></video>
      ${this.renderOverlay(ovalForFrame(this.frameSize.width, this.frameSize.height))}
      ${this.renderStageStatus(i18n)}
    </div>`;
  }

  private renderOverlay(oval: Oval): TemplateResult {
    const { width, height } = this.frameSize;
    const ok = this.hint === 'ok';
    return html`<svg
      class="overlay"
      part="overlay"
      viewBox="0 0 ${width} ${height}"
      preserveAspectRatio="xMidYMid slice"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <mask id="oval-hole">
          <rect width=${width} height=${height} fill="white"></rect>
          <ellipse cx=${oval.cx} cy=${oval.cy} rx=${oval.rx} ry=${oval.ry} fill="black"></ellipse>
        </mask>
      </defs>
      <rect class="backdrop" width=${width} height=${height} mask="url(#oval-hole)"></rect>
      <ellipse
        part="oval"
        class="oval ${ok ? 'oval--ok' : ''}"
        cx=${oval.cx}
        cy=${oval.cy}
        rx=${oval.rx}
        ry=${oval.ry}
      ></ellipse>
    </svg>`;
  }

  private renderStageStatus(i18n: Translator): TemplateResult | typeof nothing {
    const key = this.stageStatusKey();
    return key ? html`<p part="status" class="stage-status">${i18n.t(key)}</p>` : nothing;
  }

  private stageStatusKey(): MessageKey | null {
    if (this.phase === 'starting') return 'status.starting';
    if (this.phase === 'capturing') return 'status.capturing';
    if (this.phase !== 'guiding') return null;
    if (this.paused) return 'status.paused';
    return this.detectorRuntime === null ? 'status.loading' : null;
  }

  private renderGuidance(i18n: Translator): TemplateResult {
    const guided = this.detectorRuntime !== 'unavailable';
    const hint = guided ? (this.hint ? i18n.t(`hint.${this.hint}`) : '') : i18n.t('error.model-load-failed');
    return html`
      <p part="hint" class="hint">${hint}</p>
      ${guided ? this.renderProgress(i18n) : nothing}
      ${this.manualAvailable && this.phase === 'guiding' ? this.renderManualCapture(i18n) : nothing}
      ${this.camera.devices.length > 1 ? this.renderCameraSelect(i18n) : nothing}
    `;
  }

  private renderProgress(i18n: Translator): TemplateResult {
    const percent = Math.round(this.progress * 100);
    return html`<div
      part="progress"
      class="progress"
      role="progressbar"
      aria-label=${i18n.t('progress.label')}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent}
    >
      <div part="progress-bar" class="progress__bar" ${cssomStyle({ width: `${percent}%` })}></div>
    </div>`;
  }

  private renderManualCapture(i18n: Translator): TemplateResult {
    const explain = this.manualReason === 'timeout';
    return html`<div class="controls">
      ${explain
        ? html`<p part="manual-hint" class="manual-hint" id="manual-hint">${i18n.t('manual.hint')}</p>`
        : nothing}
      <button
        part="button capture-button"
        aria-describedby=${explain ? 'manual-hint' : nothing}
        @click=${() => void this.captureNow()}
      >
        ${i18n.t('manual.capture')}
      </button>
    </div>`;
  }

  private renderCameraSelect(i18n: Translator): TemplateResult {
    const active = this.camera.info()?.deviceId;
    return html`<div class="controls">
      <label for="camera-select">${i18n.t('camera.label')}</label>
      <select id="camera-select" part="camera-select" @change=${this.onCameraSelect}>
        ${this.camera.devices.map(
          (device, index) =>
            html`<option value=${device.deviceId} ?selected=${device.deviceId === active}>
              ${device.label || `${i18n.t('camera.label')} ${index + 1}`}
            </option>`,
        )}
      </select>
    </div>`;
  }

  private renderSending(i18n: Translator): TemplateResult {
    const key = this.phase === 'uploading' ? 'status.uploading' : 'status.processing';
    return html`<div part="screen" class="screen">
      <p part="status" class="status" tabindex="-1" data-autofocus>${i18n.t(key)}</p>
    </div>`;
  }

  private renderDone(i18n: Translator): TemplateResult {
    // The heading takes focus; when the integrator slots their own content, the screen itself does.
    return html`<div part="screen" class="screen" tabindex="-1" data-autofocus-fallback>
      <slot name="success"><h2 tabindex="-1" data-autofocus>${i18n.t('status.done')}</h2></slot>
    </div>`;
  }

  private renderError(i18n: Translator, error: LivenessError): TemplateResult {
    return html`<div part="screen" class="screen">
      <h2 tabindex="-1" data-autofocus>${i18n.t('error.title')}</h2>
      <p part="error-message" class="error-message">${i18n.t(`error.${error.code}` as MessageKey)}</p>
      <slot name="error"></slot>
      ${error.recoverable
        ? html`<button part="button retry-button" @click=${() => void this.retry()}>${i18n.t('action.retry')}</button>`
        : nothing}
    </div>`;
  }
}

function asLivenessError(error: unknown, fallback: LivenessErrorCode): LivenessError {
  if (error instanceof LivenessError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LivenessError(fallback, message, true, { cause: error });
}
