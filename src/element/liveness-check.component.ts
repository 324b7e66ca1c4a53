import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { resolveAssets } from '../assets.js';
import { uploadCapture, waitForCheck } from '../client/backend-client.js';
import { CameraController } from '../capture/camera-controller.js';
import { CaptureSession, type FrameUpdate } from '../capture/capture-session.js';
import { startDetector, type DetectorClient } from '../capture/detector/detector-client.js';
import { FrameLoop } from '../capture/frame-loop.js';
import { LivenessError, type LivenessErrorCode } from '../errors.js';
import { emit, type DetectorRuntime } from '../events/index.js';
import { createTranslator, type MessageKey, type Messages, type Translator } from '../i18n/index.js';
import { encodeJpeg } from '../package/jpeg.js';
import { packShotset } from '../package/shotset.js';
import { startClipRecording, type ClipRecording } from '../package/video.js';
import type { GateVerdict } from '../quality/gates.js';
import { ovalForFrame } from '../quality/oval.js';
import { resolveThresholds, type QualityThresholds } from '../quality/thresholds.js';
import type { GuidanceCode, Oval } from '../quality/types.js';
import { tagsForMode, type CaptureMode, type CaptureReport } from '../shared/media.js';
import { styles } from './liveness-check.styles.js';

export type LivenessPhase =
  | 'intro'
  | 'starting'
  | 'guiding'
  | 'capturing'
  | 'uploading'
  | 'processing'
  | 'done'
  | 'error';

interface PreparedUpload {
  media: Blob;
  fileName: string;
  selfie: Blob;
  report: CaptureReport;
  idempotencyKey: string;
}

const CAPTURE_MODES: readonly CaptureMode[] = ['image', 'shotset', 'video'];
/** Frame spacing of a multi-frame shotset clip: about ten frames over the default 2.5 s. */
const CLIP_SHOTSET_INTERVAL_MS = 250;

/**
 * @summary A guided selfie capture that checks the frame on the device, captures the best frame automatically,
 * and hands it to your backend for a liveness verdict.
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
 * @csspart hint - The current instruction.
 * @csspart progress - The capture progress bar.
 * @csspart button - Every button.
 * @csspart start-button - The start button.
 * @csspart capture-button - The manual capture button.
 * @csspart retry-button - The retry button.
 * @csspart camera-select - The camera switcher.
 * @csspart screen - The start, done and error screens.
 *
 * @cssproperty --liveness-accent - Buttons and focus ring colour.
 * @cssproperty --liveness-ok - Oval and progress colour when the frame is good.
 * @cssproperty --liveness-text - Text colour.
 * @cssproperty --liveness-muted - Secondary text colour.
 * @cssproperty --liveness-surface - Background colour.
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
  /** Milliseconds of guiding after which a manual capture button appears; 0 never offers it (unless detection cannot run). */
  declare manualCaptureAfter: number;
  /** Milliseconds the frame must stay good before the automatic capture. */
  declare holdDuration: number;
  /** Per-key text overrides, e.g. `{ 'hint.too-far': 'Come closer' }`. */
  declare strings: Partial<Messages>;
  /** Overrides of the quality thresholds (see the README's quality gates table). */
  declare thresholds: Partial<QualityThresholds>;
  /** Run detection on the main thread instead of a worker (for hosts whose CSP forbids workers). */
  declare noWorker: boolean;
  /** In `video` mode: `recording` (MP4 or WebM via MediaRecorder) or `shotset` (a ZIP of frames, which Oz treats as a video). */
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
  declare private frameSize: { width: number; height: number };
  declare private error: LivenessError | null;

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
    this.frameSize = { width: 640, height: 480 };
    this.error = null;
  }













  private get video(): HTMLVideoElement {
    return this.renderRoot.querySelector('video') as HTMLVideoElement;
  }

  private readonly camera = new CameraController(this, {
    onEnded: () => this.fail(new LivenessError('camera-ended', 'The camera stopped during the capture.')),
  });
  private detector: DetectorClient | null = null;
  private loop: FrameLoop | null = null;
  private session: CaptureSession | null = null;
  private lastVerdict: GateVerdict | null = null;
  private guidingSince = 0;
  private manualTimer: ReturnType<typeof setTimeout> | undefined;
  private runSerial = 0;
  private pendingUpload: PreparedUpload | null = null;
  private uploadAbort: AbortController | null = null;
  private manualReason: CaptureReport['manualReason'];
  private recording: ClipRecording | null = null;
  private clipFrames: Array<Promise<Blob>> = [];

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
  }

  protected override firstUpdated(): void {
    // Start after this first update settles: starting changes state, which would re-render mid-update.
    if (this.autostart) void this.updateComplete.then(() => this.start());
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('cameraId') && changed.get('cameraId') !== undefined && this.phase === 'guiding') {
      void this.start();
    }
  }

  /** Opens the camera and starts guiding. Safe to call again: it restarts the capture. */
  async start(): Promise<void> {
    this.teardown();
    const run = ++this.runSerial;
    this.error = null;
    this.pendingUpload = null;
    this.hint = null;
    this.progress = 0;
    this.manualAvailable = false;
    this.manualReason = undefined;
    this.lastVerdict = null;
    if (!CAPTURE_MODES.includes(this.mode)) {
      this.fail(new LivenessError('capture-failed', `Unknown mode "${this.mode}": use image, shotset or video.`, false));
      return;
    }
    if (this.endpoint && !this.token) {
      this.fail(new LivenessError('token-missing', 'The element has an endpoint but no capture token.', false));
      return;
    }
    // Bad threshold overrides are the integrator's bug: say so before asking for the camera.
    const thresholds = this.safeThresholds();
    if (!thresholds) return;
    this.phase = 'starting';
    const started = performance.now();
    let stream: MediaStream;
    try {
      stream = await this.camera.start(this.cameraId || undefined);
    } catch (error) {
      if (run === this.runSerial) this.fail(asLivenessError(error, 'camera-not-found'));
      return;
    }
    if (run !== this.runSerial) return;
    this.phase = 'guiding';
    await this.updateComplete;
    const video = this.video;
    video.srcObject = stream;
    try {
      await video.play();
    } catch (error) {
      if (run === this.runSerial) this.fail(asLivenessError(error, 'camera-in-use'));
      return;
    }
    if (run !== this.runSerial) return;
    const info = this.camera.info();
    if (info) emit(this, 'liveness-camera-change', { deviceId: info.deviceId, label: info.label });
    this.frameSize = { width: video.videoWidth || 640, height: video.videoHeight || 480 };
    this.guidingSince = performance.now();
    this.scheduleManualOffer();

    let runtime: DetectorRuntime = 'unavailable';
    try {
      this.detector = await startDetector({
        assets: resolveAssets(this.assets),
        minDetectionConfidence: 0.3,
        minFaceScore: thresholds.minDetectionScore,
        preferMainThread: this.noWorker,
      });
      runtime = this.detector.runtime;
    } catch (error) {
      if (run !== this.runSerial) return;
      // Guidance cannot run, but the person can still take the photo themselves.
      const reason = error instanceof Error ? error.message : String(error);
      emit(this, 'liveness-error', { code: 'model-load-failed', message: reason, recoverable: true });
      this.manualReason = 'detector-unavailable';
      this.manualAvailable = true;
    }
    if (run !== this.runSerial) {
      this.detector?.close();
      return;
    }
    this.detectorRuntime = runtime;
    emit(this, 'liveness-ready', {
      camera: info ?? { deviceId: '', label: '', width: this.frameSize.width, height: this.frameSize.height },
      detector: runtime,
      loadMs: performance.now() - started,
    });
    if (this.detector) this.startGuidance(this.detector, thresholds);
  }

  /** Stops the camera and detection and returns to the start screen. */
  stop(): void {
    this.teardown();
    this.phase = 'intro';
  }

  /** Discards the current attempt and guides again (only before an upload was accepted: tokens are single use). */
  async retake(): Promise<void> {
    await this.start();
  }

  /** Takes the photo now, whatever the gates say; the report records that it was manual. */
  async captureNow(): Promise<void> {
    if (this.phase !== 'guiding' || !this.video || this.video.videoWidth === 0) return;
    const bitmap = await createImageBitmap(this.video);
    await this.capture(bitmap, this.lastVerdict, false);
  }

  private startGuidance(detector: DetectorClient, thresholds: QualityThresholds): void {
    const clip = this.mode === 'video';
    const session = new CaptureSession({
      detector,
      thresholds,
      holdMs: this.holdDuration,
      windowMs: Math.min(600, this.holdDuration),
      clipMs: clip ? this.clipDuration : 0,
      clipFrameIntervalMs: clip && this.videoFormat === 'shotset' ? CLIP_SHOTSET_INTERVAL_MS : 0,
      onFrame: (update) => this.onFrame(update),
      onReady: (best) => void this.capture(best.bitmap, best.verdict, true),
      onClipStart: () => this.startClip(),
      onClipFrame: (frame) => {
        this.clipFrames.push(encodeJpeg(frame).then((jpeg) => jpeg.blob).finally(() => frame.close()));
      },
      onClipAbort: () => this.discardClip(),
    });
    this.session = session;
    this.loop = new FrameLoop(
      this.video,
      (timestamp) => session.processFrame(this.video, timestamp),
      (error) => {
        if (this.phase === 'guiding' && !session.finished) {
          this.fail(asLivenessError(error, 'capture-failed'));
        }
      },
    );
    this.loop.start();
  }

  private startClip(): void {
    this.discardClip();
    if (this.videoFormat === 'shotset') return;
    const stream = this.camera.stream;
    try {
      if (!stream) throw new Error('the camera stream is gone');
      this.recording = startClipRecording(stream);
    } catch (error) {
      this.fail(asLivenessError(error, 'capture-failed'));
    }
  }

  private discardClip(): void {
    this.recording?.cancel();
    this.recording = null;
    this.clipFrames = [];
  }

  private safeThresholds(): QualityThresholds | null {
    try {
      return resolveThresholds(this.thresholds);
    } catch (error) {
      this.fail(new LivenessError('capture-failed', (error as Error).message, false));
      return null;
    }
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
    this.loop?.stop();
    this.session?.finish();
    this.phase = 'capturing';
    this.announcement = this.translator.t('status.capturing');
    this.progress = 1;
    let prepared: PreparedUpload;
    try {
      prepared = await this.packageCapture(bitmap, verdict, automatic);
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
      mode: prepared.report.mode,
      media: prepared.media,
      fileName: prepared.fileName,
      selfie: prepared.selfie,
      report: prepared.report,
    });
    if (!this.endpoint) {
      this.phase = 'done';
      return;
    }
    this.pendingUpload = prepared;
    await this.submit(prepared);
  }

  private async packageCapture(
    bitmap: ImageBitmap,
    verdict: GateVerdict | null,
    automatic: boolean,
  ): Promise<PreparedUpload> {
    const jpeg = await encodeJpeg(bitmap);
    const mode = this.mode;
    const orientation = jpeg.height > jpeg.width ? 'portrait' : 'landscape';
    const scale = jpeg.width / bitmap.width;
    const face = verdict?.face?.box ?? null;
    const metrics: Record<string, number> = { ...(verdict?.metrics ?? {}) };
    if (jpeg.upscaled) metrics.upscale = scale;
    const report: CaptureReport = {
      version: 1,
      mode,
      tags: tagsForMode(mode, orientation),
      automatic,
      ...(automatic ? {} : { manualReason: this.manualReason ?? 'timeout' }),
      frame: { width: jpeg.width, height: jpeg.height },
      face: face
        ? { x: face.x * scale, y: face.y * scale, width: face.width * scale, height: face.height * scale }
        : null,
      metrics,
      elapsedMs: Math.round(performance.now() - this.guidingSince),
      frameCount: 1,
      capturedAt: new Date().toISOString(),
      userAgent: navigator.userAgent,
    };
    const prepared = (media: Blob, fileName: string): PreparedUpload => ({
      media,
      fileName,
      selfie: jpeg.blob,
      report,
      idempotencyKey: crypto.randomUUID(),
    });
    if (mode === 'image') return prepared(jpeg.blob, 'selfie.jpg');
    if (mode === 'shotset') return prepared(await packShotset([jpeg.blob]), 'selfie.zip');
    if (!automatic) {
      // A manual capture has no clip behind it: send the still as a one-frame shotset, which Oz scores as video.
      return prepared(await packShotset([jpeg.blob]), 'selfie.zip');
    }
    if (this.videoFormat === 'shotset') {
      const frames = await Promise.all(this.clipFrames);
      this.clipFrames = [];
      report.frameCount = frames.length;
      return prepared(await packShotset(frames), 'clip.zip');
    }
    const recording = this.recording;
    this.recording = null;
    if (!recording) throw new Error('the clip recording is missing');
    const clip = await recording.finish();
    const frameRate = this.camera.stream?.getVideoTracks()[0]?.getSettings().frameRate ?? 30;
    report.frameCount = Math.max(1, Math.round((this.clipDuration / 1000) * frameRate));
    return prepared(clip, clip.type === 'video/mp4' ? 'clip.mp4' : 'clip.webm');
  }

  private async submit(prepared: PreparedUpload): Promise<void> {
    const run = this.runSerial;
    const abort = new AbortController();
    this.uploadAbort = abort;
    this.phase = 'uploading';
    this.announcement = this.translator.t('status.uploading');
    try {
      const accepted = await uploadCapture({
        endpoint: this.endpoint,
        token: this.token,
        media: prepared.media,
        fileName: prepared.fileName,
        selfie: prepared.selfie,
        report: prepared.report,
        idempotencyKey: prepared.idempotencyKey,
        signal: abort.signal,
      });
      if (run !== this.runSerial) return;
      this.pendingUpload = null;
      emit(this, 'liveness-submitted', accepted);
      this.phase = 'processing';
      this.announcement = this.translator.t('status.processing');
      const status = await waitForCheck(this.endpoint, this.token, accepted.checkId, { signal: abort.signal });
      if (run !== this.runSerial) return;
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
    } catch (error) {
      if (run !== this.runSerial || abort.signal.aborted) return;
      this.fail(asLivenessError(error, 'upload-failed'));
    }
  }

  private async retry(): Promise<void> {
    const canResend =
      this.pendingUpload && this.error && (this.error.code === 'upload-failed' || this.error.code === 'network');
    if (canResend && this.pendingUpload) {
      this.error = null;
      await this.submit(this.pendingUpload);
      return;
    }
    await this.start();
  }

  private fail(error: LivenessError): void {
    this.loop?.stop();
    this.session?.finish();
    this.releaseCapture();
    this.error = error;
    this.phase = 'error';
    this.announcement = this.translator.t(`error.${error.code}` as MessageKey);
    emit(this, 'liveness-error', { code: error.code, message: error.message, recoverable: error.recoverable });
  }

  /** Stops detection and the camera but keeps the prepared upload, so a failed upload can be re-sent. */
  private releaseCapture(): void {
    clearTimeout(this.manualTimer);
    this.loop?.stop();
    this.loop = null;
    this.session?.finish();
    this.session = null;
    this.discardClip();
    this.detector?.close();
    this.detector = null;
    this.camera.stop();
    if (this.video) this.video.srcObject = null;
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
        if (this.phase === 'guiding') {
          this.manualReason ??= 'timeout';
          this.manualAvailable = true;
          this.announcement = this.translator.t('manual.hint');
        }
      }, this.manualCaptureAfter);
    }
  }

  private readonly onVisibilityChange = (): void => {
    if (this.phase !== 'guiding' || !this.detector) return;
    if (document.visibilityState === 'hidden') {
      // Frames seen before the page was hidden say nothing about the person now: start the hold again.
      this.loop?.stop();
      this.session?.finish();
      this.session = null;
      this.announcement = this.translator.t('status.paused');
    } else {
      const thresholds = this.safeThresholds();
      if (thresholds) this.startGuidance(this.detector, thresholds);
    }
  };

  private get translator(): Translator {
    return createTranslator(this.effectiveLang(), this.strings);
  }

  private effectiveLang(): string {
    if (this.lang) return this.lang;
    const scoped = this.closest('[lang]');
    return (scoped as HTMLElement | null)?.lang || document.documentElement.lang || navigator.language || 'en';
  }

  private onCameraSelect(event: Event): void {
    this.cameraId = (event.target as HTMLSelectElement).value;
  }

  protected override render(): TemplateResult {
    const i18n = this.translator;
    const showStage = this.phase === 'starting' || this.phase === 'guiding' || this.phase === 'capturing';
    return html`
      <div part="base" class="base" lang=${i18n.lang} dir=${i18n.dir}>
        ${this.phase === 'intro' ? this.renderIntro(i18n) : nothing}
        <div
          part="stage"
          class="stage"
          ?hidden=${!showStage}
          style=${styleMap({ aspectRatio: `${this.frameSize.width} / ${this.frameSize.height}` })}
        >
          <video part="video" muted playsinline aria-label=${i18n.t('video.label')}></video>
          ${this.renderOverlay(ovalForFrame(this.frameSize.width, this.frameSize.height))}
          ${this.renderStageStatus(i18n)}
        </div>
        ${showStage ? this.renderGuidance(i18n) : nothing}
        ${this.phase === 'uploading' || this.phase === 'processing'
          ? html`<p class="hint" part="hint">${i18n.t(this.phase === 'uploading' ? 'status.uploading' : 'status.processing')}</p>`
          : nothing}
        ${this.phase === 'done' ? this.renderDone(i18n) : nothing}
        ${this.phase === 'error' && this.error ? this.renderError(i18n, this.error) : nothing}
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
      <button part="button start-button" @click=${() => void this.start()}>${i18n.t('intro.start')}</button>
    </div>`;
  }

  private renderOverlay(oval: Oval): TemplateResult {
    const { width, height } = this.frameSize;
    const ok = this.hint === 'ok';
    return html`<svg class="overlay" part="overlay" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMidYMid slice" aria-hidden="true">
      <defs>
        <mask id="oval-hole">
          <rect width=${width} height=${height} fill="white"></rect>
          <ellipse cx=${oval.cx} cy=${oval.cy} rx=${oval.rx} ry=${oval.ry} fill="black"></ellipse>
        </mask>
      </defs>
      <rect class="backdrop" width=${width} height=${height} mask="url(#oval-hole)"></rect>
      <ellipse part="oval" class="oval ${ok ? 'oval--ok' : ''}" cx=${oval.cx} cy=${oval.cy} rx=${oval.rx} ry=${oval.ry}></ellipse>
    </svg>`;
  }

  private renderStageStatus(i18n: Translator): TemplateResult | typeof nothing {
    if (this.phase === 'starting') return html`<p class="stage-status">${i18n.t('status.starting')}</p>`;
    if (this.phase === 'capturing') return html`<p class="stage-status">${i18n.t('status.capturing')}</p>`;
    if (this.phase === 'guiding' && this.detectorRuntime === null) {
      return html`<p class="stage-status">${i18n.t('status.loading')}</p>`;
    }
    return nothing;
  }

  private renderGuidance(i18n: Translator): TemplateResult {
    const percent = Math.round(this.progress * 100);
    const cameras = this.camera.devices;
    return html`
      <p part="hint" class="hint">${this.hint ? i18n.t(`hint.${this.hint}`) : ''}</p>
      <div
        part="progress"
        class="progress"
        role="progressbar"
        aria-label=${i18n.t('progress.label')}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${percent}
      >
        <div class="progress__bar" style=${styleMap({ width: `${percent}%` })}></div>
      </div>
      <div class="controls">
        ${this.manualAvailable && this.phase === 'guiding'
          ? html`<button part="button capture-button" @click=${() => void this.captureNow()}>${i18n.t('manual.capture')}</button>`
          : nothing}
        ${cameras.length > 1
          ? html`<label
              >${i18n.t('camera.label')}
              <select part="camera-select" @change=${this.onCameraSelect}>
                ${cameras.map(
                  (device, index) =>
                    html`<option value=${device.deviceId} ?selected=${device.deviceId === this.camera.info()?.deviceId}>
                      ${device.label || `${i18n.t('camera.label')} ${index + 1}`}
                    </option>`,
                )}
              </select></label
            >`
          : nothing}
      </div>
    `;
  }

  private renderDone(i18n: Translator): TemplateResult {
    return html`<div part="screen" class="screen">
      <slot name="success"><h2>${i18n.t('status.done')}</h2></slot>
    </div>`;
  }

  private renderError(i18n: Translator, error: LivenessError): TemplateResult {
    return html`<div part="screen" class="screen" role="alert">
      <h2>${i18n.t('error.title')}</h2>
      <p class="error-message">${i18n.t(`error.${error.code}` as MessageKey)}</p>
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
