/**
 * The element's markup: pure functions of what the element shows now. Every `part` and `slot` documented on the
 * element is rendered here or in handoff-templates.ts (the distribution test checks the two agree).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LivenessError } from '../errors.js';
import type { DetectorRuntime } from '../events/index.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import { ovalForFrame } from '../quality/oval.js';
import { cssomStyle } from './cssom-style.js';
import { screenOf } from './focus.js';
import type { GuidanceController } from './guidance-controller.js';
import {
  renderHandoff,
  renderInAppBrowser,
  renderTips,
  type HandoffActions,
  type HandoffView,
} from './handoff-templates.js';
import type { LivenessPhase } from './phase.js';

/** What the person can do; the element creates these once, so listeners are not replaced on every render. */
export interface ViewActions extends HandoffActions {
  start: () => void;
  captureNow: () => void;
  selectCamera: (deviceId: string) => void;
  retry: () => void;
}

/** What guidance shows: the hint, the progress, the pause and the manual-capture offer. */
export type GuidanceView = Readonly<
  Pick<GuidanceController, 'hint' | 'progress' | 'paused' | 'frameSize' | 'manualAvailable' | 'manualReason'>
>;

export interface View {
  i18n: Translator;
  phase: LivenessPhase;
  error: LivenessError | null;
  announcement: string;
  guidance: GuidanceView;
  detectorRuntime: DetectorRuntime | null;
  devices: readonly MediaDeviceInfo[];
  activeDeviceId: string | undefined;
  actions: ViewActions;
  handoff: HandoffView;
  /** The page's own link, for the in-app browser screen (`intent`: Chrome on Android). */
  page: { url: string; intent: string | null; copied: boolean };
  /** The phone finished a check handed off to it: the done screen says so. */
  handedOff: boolean;
}

export function renderElement(view: View): TemplateResult {
  const { i18n } = view;
  const screen = screenOf(view.phase);
  return html`
    <div part="base" class="base" lang=${i18n.lang} dir=${i18n.dir}>
      ${screen === 'intro' ? renderIntro(view) : nothing} ${renderStage(view, screen === 'camera')}
      ${screen === 'camera' ? renderGuidance(view) : nothing} ${screen === 'progress' ? renderSending(view) : nothing}
      ${screen === 'done' ? renderDone(view) : nothing}
      ${screen === 'error' && view.error ? renderError(view, view.error) : nothing}
      ${screen === 'handoff' ? renderHandoff(i18n, view.handoff, view.error, view.actions) : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${view.announcement}</div>
    </div>
  `;
}

function renderIntro({ i18n, actions }: View): TemplateResult {
  return html`<div part="screen" class="screen">
    <slot name="start">
      <h2>${i18n.t('intro.title')}</h2>
      <p>${i18n.t('intro.body')}</p>
      ${renderTips(i18n)}
    </slot>
    <button part="button start-button" data-autofocus @click=${actions.start}>${i18n.t('intro.start')}</button>
  </div>`;
}

// The stage stays in the DOM on every screen so the <video> element, and its stream, survive re-renders.
function renderStage(view: View, visible: boolean): TemplateResult {
  const { width, height } = view.guidance.frameSize;
  return html`<div
    part="stage"
    class="stage"
    role="group"
    aria-label=${view.i18n.t('video.label')}
    tabindex="-1"
    ?data-autofocus=${visible}
    ?hidden=${!visible}
    ${cssomStyle({ 'aspect-ratio': `${width} / ${height}` })}
  >
    <video part="video" muted playsinline aria-hidden="true"></video>
    ${renderOverlay(view)} ${renderStageStatus(view)}
  </div>`;
}

function renderOverlay(view: View): TemplateResult {
  const { width, height } = view.guidance.frameSize;
  const oval = ovalForFrame(width, height);
  const ok = view.guidance.hint === 'ok';
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

function renderStageStatus(view: View): TemplateResult | typeof nothing {
  const key = stageStatusKey(view);
  return key ? html`<p part="status" class="stage-status">${view.i18n.t(key)}</p>` : nothing;
}

function stageStatusKey({ phase, guidance, detectorRuntime }: View): MessageKey | null {
  if (phase === 'starting') return 'status.starting';
  if (phase === 'capturing') return 'status.capturing';
  if (phase !== 'guiding') return null;
  if (guidance.paused) return 'status.paused';
  return detectorRuntime === null ? 'status.loading' : null;
}

function renderGuidance(view: View): TemplateResult {
  const { i18n } = view;
  const guided = view.detectorRuntime !== 'unavailable';
  const shown = view.guidance.hint;
  const hint = guided ? (shown ? i18n.t(`hint.${shown}`) : '') : i18n.t('error.model-load-failed');
  return html`
    <p part="hint" class="hint">${hint}</p>
    ${guided ? renderProgress(view) : nothing}
    ${view.guidance.manualAvailable && view.phase === 'guiding' ? renderManualCapture(view) : nothing}
    ${view.devices.length > 1 ? renderCameraSelect(view) : nothing}
  `;
}

function renderProgress({ i18n, guidance }: View): TemplateResult {
  const percent = Math.round(guidance.progress * 100);
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

function renderManualCapture({ i18n, guidance, actions }: View): TemplateResult {
  const explain = guidance.manualReason === 'timeout';
  return html`<div class="controls">
    ${explain ? html`<p part="manual-hint" class="manual-hint" id="manual-hint">${i18n.t('manual.hint')}</p>` : nothing}
    <button
      part="button capture-button"
      aria-describedby=${explain ? 'manual-hint' : nothing}
      @click=${actions.captureNow}
    >
      ${i18n.t('manual.capture')}
    </button>
  </div>`;
}

function renderCameraSelect({ i18n, devices, activeDeviceId, actions }: View): TemplateResult {
  const onChange = (event: Event) => actions.selectCamera((event.target as HTMLSelectElement).value);
  return html`<div class="controls">
    <label for="camera-select">${i18n.t('camera.label')}</label>
    <select id="camera-select" part="camera-select" @change=${onChange}>
      ${devices.map(
        (device, index) =>
          html`<option value=${device.deviceId} ?selected=${device.deviceId === activeDeviceId}>
            ${device.label || i18n.t('camera.option', { number: index + 1 })}
          </option>`,
      )}
    </select>
  </div>`;
}

function renderSending({ i18n, phase }: View): TemplateResult {
  const key = phase === 'uploading' ? 'status.uploading' : 'status.processing';
  return html`<div part="screen" class="screen">
    <p part="status" class="status" tabindex="-1" data-autofocus>${i18n.t(key)}</p>
  </div>`;
}

function renderDone({ i18n, handedOff }: View): TemplateResult {
  // The heading takes focus; when the integrator slots their own content, the screen itself does.
  return html`<div part="screen" class="screen" tabindex="-1" data-autofocus-fallback>
    <slot name="success"
      ><h2 tabindex="-1" data-autofocus>${i18n.t(handedOff ? 'handoff.done' : 'status.done')}</h2></slot
    >
  </div>`;
}

function renderError({ i18n, actions, page }: View, error: LivenessError): TemplateResult {
  if (error.code === 'in-app-browser') return renderInAppBrowser(i18n, page, actions);
  return html`<div part="screen" class="screen">
    <h2 tabindex="-1" data-autofocus>${i18n.t('error.title')}</h2>
    <p part="error-message" class="error-message">${i18n.t(`error.${error.code}` as MessageKey)}</p>
    <slot name="error"></slot>
    ${
      error.recoverable
        ? html`<button part="button retry-button" @click=${actions.retry}>${i18n.t('action.retry')}</button>`
        : nothing
    }
  </div>`;
}
