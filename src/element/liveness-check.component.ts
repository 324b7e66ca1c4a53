import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { LivenessError } from '../errors.js';
import { LocaleController, type Messages, type Translator } from '../i18n/index.js';
import type { QualityThresholds } from '../quality/thresholds.js';
import type { CaptureMode } from '../shared/media.js';
import { checkSupport, POLICY_BLOCKED_MESSAGE } from '../support/check-support.js';
import { chromeIntentUrl, isAndroid } from '../support/in-app-browser.js';
import { CaptureFlow } from './capture-flow.js';
import { copyText, HandoffController, redeemHandoff } from './handoff-controller.js';
import { handoffModeOf, offersHandoff, preflight, type HandoffMode } from './handoff-policy.js';
import { styles } from './liveness-check.styles.js';
import { ENTRY_STATUS, transition, type LivenessPhase, type PhaseEvent } from './phase.js';
import { renderElement, type ViewActions } from './templates.js';
import { WarmUpController, type PreloadPolicy } from './warm-up-controller.js';

export type { LivenessPhase } from './phase.js';

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
 * @event liveness-handoff - A link (and its QR code) to continue on a phone is shown; carries the url and its expiry.
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
 * @csspart tips - The start screen's list of tips (good light, no sunglasses, hat or mask, eye level).
 * @csspart qr - The QR code of the handoff link.
 * @csspart link - A link shown as text: the handoff link, or this page's link in an in-app browser.
 * @csspart copy-button - The button that copies a link.
 * @csspart handoff-button - The button that makes a new handoff code.
 * @csspart open-browser-button - The "Open in Chrome" link on Android in-app browsers.
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
    faceLandmarks: { attribute: 'face-landmarks' },
    preload: {},
    videoFormat: { attribute: 'video-format' },
    clipDuration: { type: Number, attribute: 'clip-duration' },
    voice: { type: Boolean },
    haptics: { type: Boolean },
    handoff: {},
    handoffCode: { attribute: 'handoff-code' },
    phase: { state: true },
    handedOff: { state: true },
    pageLinkCopied: { state: true },
    announcement: { state: true },
    error: { state: true },
  };

  /** Short-lived capture token minted by your backend (`POST /sessions`). */
  declare token: string;
  /**
   * Base URL of the liveness backend (the `liveness-check/server` app) that takes the upload and runs the check.
   * Without it the widget only captures and emits `liveness-capture`.
   */
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
   * `on` (default) loads the face landmarker after the first hint, for the eyes-closed, eyes-covered and
   * mouth-covered checks; `off` skips it (about 2.7 MB less to download, and less work per frame).
   */
  declare faceLandmarks: 'on' | 'off';
  /**
   * `auto`: load face detection (about 2.9 MB with brotli, once per browser cache) while the start screen is on
   * screen, so guidance begins as the camera plays; skipped when the browser asks to save data. `none`: load
   * nothing before start. Either way nothing leaves the device.
   */
  declare preload: PreloadPolicy;
  /**
   * In `video` mode: `recording` (MP4 or WebM via MediaRecorder; a ZIP of frames where the browser cannot record)
   * or `shotset` (a ZIP of about ten frames, which Oz treats as a video).
   */
  declare videoFormat: 'recording' | 'shotset';
  /** In `video` mode: milliseconds of clip recorded while every frame stays good. */
  declare clipDuration: number;
  /** Speak each hint aloud, in the texts' language, as the live region announces it. Opt-in. */
  declare voice: boolean;
  /** Vibrate briefly when the frame becomes good and at capture, where the device can. Opt-in. */
  declare haptics: boolean;
  /**
   * Continue on a phone: `auto` offers a QR code when this device has no camera, the camera fails for good or the
   * browser is unsupported; `always` shows the QR code first; `off` never does. Needs `endpoint` and `token`.
   */
  declare handoff: HandoffMode;
  /**
   * On the phone: the code from a handoff link. The element redeems it for its own capture token (set no
   * `token`) before the start screen.
   */
  declare handoffCode: string;
  /** Where the check is now: intro, starting, guiding, capturing, uploading, processing, done, error or handoff. */
  declare phase: LivenessPhase;
  declare private handedOff: boolean;
  declare private pageLinkCopied: boolean;
  declare private announcement: string;
  declare private error: LivenessError | null;

  /** The texts' language; its chunk loads on demand (src/i18n/controller.ts). */
  private readonly locale = new LocaleController(this, () => this.strings);
  // Each concern lives in its controller; the flow orders them through one attempt.
  private readonly flow = new CaptureFlow(this, {
    go: (event) => this.go(event),
    translator: () => this.translator,
    announce: (text) => (this.announcement = text),
    setError: (error) => (this.error = error),
    failed: (error) => this.offerHandoff(error),
  });
  private readonly handoffFlow = new HandoffController(this, {
    onComplete: () => {
      this.handedOff = true;
      this.go('complete');
    },
    onError: (error) => this.flow.fail(error),
    announce: (key) => (this.announcement = this.translator.t(key)),
  });
  /** The support check and, on a phone, the code's redemption: done once, before the start screen. */
  private preflightDone: Promise<void> | null = null;
  /** Loads face detection while the start screen is read (preload="auto"). */
  private readonly warmUp = new WarmUpController(this);
  private readonly actions: ViewActions = {
    start: () => void this.start(),
    captureNow: () => void this.captureNow(),
    selectCamera: (deviceId) => (this.cameraId = deviceId),
    retry: () => void this.flow.retry(this.error),
    newHandoff: () => void this.handoffFlow.open(),
    copyHandoffLink: () => void this.handoffFlow.copy(),
    useThisDevice: () => {
      this.handoffFlow.stop();
      this.error = null;
      this.go('stop');
    },
    copyPageLink: () =>
      void copyText(location.href).then((copied) => {
        this.pageLinkCopied = copied;
        if (copied) this.announcement = this.translator.t('link.copied');
      }),
  };

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
    this.faceLandmarks = 'on';
    this.preload = 'auto';
    this.videoFormat = 'recording';
    this.clipDuration = 2_500;
    this.voice = false;
    this.haptics = false;
    this.handoff = 'auto';
    this.handoffCode = '';
    this.phase = 'intro';
    this.handedOff = false;
    this.pageLinkCopied = false;
    this.announcement = '';
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
    this.preflightDone ??= this.runPreflight();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flow.teardown();
    this.go('detach');
  }

  // While the language's chunk loads (at most LOCALE_WAIT_MS), the update waits: no English flash first.
  // The first render also waits for a task of its own: a page's module script evaluates the bundle, upgrades the
  // element and connects it in one task, and the first render on top of that made it a long task (50-120 ms on
  // the bench machine) while the page was loading.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const pending = this.locale.pending() ?? (this.hasUpdated ? null : nextTask());
    return pending ? pending.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override firstUpdated(): void {
    // Start after this first update and the support check settle: starting changes state, which would re-render
    // mid-update, and an unsupported browser gets its way out instead.
    if (this.autostart) {
      void this.updateComplete
        .then(() => this.preflightDone)
        .then(() => {
          if (this.phase === 'intro') return this.start();
        });
    }
  }

  /**
   * Before the start screen: on a phone, redeem the handoff code; then the support check (no prompt, no
   * download), whose verdict may replace the start screen with a way out.
   */
  private async runPreflight(): Promise<void> {
    if (this.handoffCode && this.endpoint && !this.token) {
      try {
        this.token = await redeemHandoff(this.endpoint, this.handoffCode);
      } catch (error) {
        this.flow.fail(asError(error));
        return;
      }
    }
    const support = await checkSupport();
    if (support.reasons.includes('camera-blocked-by-policy')) console.warn(POLICY_BLOCKED_MESSAGE);
    if (this.phase !== 'intro') return;
    const mode = handoffModeOf(this.handoff);
    const first = preflight(support, mode, this.handoffFlow.available && !this.handoffCode);
    if (first.kind === 'handoff') this.openHandoff();
    else if (first.kind === 'fail') this.flow.fail(first.error);
  }

  /** After a failure (already reported): in `auto` mode, one this device will not get past offers the phone. */
  private offerHandoff(error: LivenessError): void {
    const canHandoff = this.handoffFlow.available && !this.handoffCode;
    if (offersHandoff(handoffModeOf(this.handoff), error.code, canHandoff)) this.openHandoff();
  }

  private openHandoff(): void {
    if (!this.go('handoff')) return;
    void this.handoffFlow.open();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const cameraOpen = this.phase === 'starting' || this.phase === 'guiding';
    if (changed.has('cameraId') && changed.get('cameraId') !== undefined && cameraOpen) {
      // Restart once this update has finished: starting sets state, which must not happen inside an update.
      void this.updateComplete.then(() => this.start());
    }
  }

  /** Opens the camera and starts guiding. Safe to call again: it restarts the capture. */
  async start(): Promise<void> {
    this.handoffFlow.stop();
    this.handedOff = false;
    await this.flow.start();
  }

  /** Stops the camera and detection and returns to the start screen. */
  stop(): void {
    this.handoffFlow.stop();
    this.flow.teardown();
    this.go('stop');
  }

  /**
   * Discards the current attempt and guides again. Ignored once an upload was sent to the endpoint: the capture
   * token is single use, so a new attempt needs a new token (set `token`, then call `start()`).
   */
  async retake(): Promise<void> {
    const sent = this.phase === 'uploading' || this.phase === 'processing' || this.phase === 'done';
    if (this.endpoint && (sent || this.flow.submission.delivered)) return;
    await this.start();
  }

  /**
   * Shows a new QR code and link to continue on a phone (whatever the `handoff` attribute says), e.g. from the
   * page's own "use my phone" button. Needs `endpoint` and an unused `token`; resolves once the link is shown.
   */
  async showHandoff(): Promise<void> {
    if (!this.handoffFlow.available) return;
    this.flow.teardown();
    this.error = null;
    if (this.go('handoff')) await this.handoffFlow.open();
  }

  /** Takes the photo now, whatever the gates say; the report records that it was manual. */
  async captureNow(): Promise<void> {
    await this.flow.captureNow();
  }

  private get translator(): Translator {
    return this.locale.translator;
  }

  /** The one way the phase changes: `transition()` decides, and the new phase's status is announced. */
  private go(event: PhaseEvent): boolean {
    const next = transition(this.phase, event);
    if (next === null) return false;
    this.phase = next;
    const status = ENTRY_STATUS[next];
    if (status) this.announcement = this.translator.t(status);
    return true;
  }

  protected override render(): TemplateResult {
    const { phase, error, announcement, actions } = this;
    const { guidance, camera } = this.flow;
    const [devices, activeDeviceId] = [camera.devices, camera.info()?.deviceId];
    const detectorRuntime = this.flow.detector.runtime;
    const page = {
      url: location.href,
      intent: isAndroid(navigator.userAgent) ? chromeIntentUrl(location.href) : null,
      copied: this.pageLinkCopied,
    };
    return renderElement({
      handoff: this.handoffFlow,
      page,
      handedOff: this.handedOff,
      i18n: this.translator,
      phase,
      error,
      announcement,
      guidance,
      detectorRuntime,
      devices,
      activeDeviceId,
      actions,
    });
  }
}

/** Resolves in a new task, ahead of timers where the browser can (`scheduler.yield`, else a message). */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function asError(error: unknown): LivenessError {
  return error instanceof LivenessError ? error : new LivenessError('network', String(error));
}
