/**
 * The screens of the ways out: continue on a phone (QR code, link, copy), open the page in the browser (in-app
 * browsers), and the start screen's tips. Pure functions of what the element shows, like templates.ts.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { LivenessError } from '../errors.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import type { HandoffController } from './handoff-controller.js';

export type HandoffView = Readonly<Pick<HandoffController, 'state' | 'url' | 'qr' | 'copied'>>;

export interface HandoffActions {
  newHandoff: () => void;
  copyHandoffLink: () => void;
  /** Back to this device's camera (the start screen). */
  useThisDevice: () => void;
  copyPageLink: () => void;
}

export function renderTips(i18n: Translator): TemplateResult {
  const tips: MessageKey[] = ['intro.tip-light', 'intro.tip-accessories', 'intro.tip-eye-level'];
  return html`<ul part="tips" class="tips">
    ${tips.map((key) => html`<li>${i18n.t(key)}</li>`)}
  </ul>`;
}

export function renderHandoff(
  i18n: Translator,
  handoff: HandoffView,
  error: LivenessError | null,
  actions: HandoffActions,
): TemplateResult {
  const { state, qr, url } = handoff;
  return html`<div part="screen" class="screen handoff">
    <h2 tabindex="-1" data-autofocus>${i18n.t('handoff.title')}</h2>
    ${error ? html`<p part="error-message" class="error-message">${i18n.t(`error.${error.code}` as MessageKey)}</p>` : nothing}
    ${state === 'preparing' ? html`<p part="status" class="status">${i18n.t('handoff.preparing')}</p>` : nothing}
    ${
      state === 'ready' && qr
        ? html`<p>${i18n.t('handoff.body')}</p>
            <svg
              part="qr"
              class="qr"
              role="img"
              aria-label=${i18n.t('handoff.qr-label')}
              viewBox="0 0 ${qr.size} ${qr.size}"
              shape-rendering="crispEdges"
            >
              ${svg`<rect width=${qr.size} height=${qr.size} fill="#fff"></rect><path d=${qr.d} fill="#000"></path>`}
            </svg>
            ${renderLink(i18n, url, handoff.copied, actions.copyHandoffLink)}
            <p part="status" class="status">${i18n.t('handoff.waiting')}</p>`
        : nothing
    }
    ${state === 'opened' ? html`<p part="status" class="status">${i18n.t('handoff.opened')}</p>` : nothing}
    ${
      state === 'expired'
        ? html`<p part="status" class="status">${i18n.t('handoff.expired')}</p>
            <button part="button handoff-button" @click=${actions.newHandoff}>${i18n.t('handoff.new-code')}</button>`
        : nothing
    }
    ${
      error?.recoverable !== false
        ? html`<button part="button" class="secondary" @click=${actions.useThisDevice}>
            ${i18n.t('handoff.use-this-device')}
          </button>`
        : nothing
    }
  </div>`;
}

/** The link as text the person can read and select, with a copy button that says when it worked. */
function renderLink(i18n: Translator, url: string, copied: boolean, copy: () => void): TemplateResult {
  return html`<div class="link">
    <a part="link" href=${url} target="_blank" rel="noopener noreferrer">${url}</a>
    <button part="button copy-button" @click=${copy}>${i18n.t(copied ? 'link.copied' : 'link.copy')}</button>
  </div>`;
}

/** An in-app browser: the way out is the person's own browser; on Android, an intent link opens Chrome. */
export function renderInAppBrowser(
  i18n: Translator,
  page: { url: string; intent: string | null; copied: boolean },
  actions: Pick<HandoffActions, 'copyPageLink'> & { retry: () => void },
): TemplateResult {
  return html`<div part="screen" class="screen in-app">
    <h2 tabindex="-1" data-autofocus>${i18n.t('inapp.title')}</h2>
    <p part="error-message" class="error-message">${i18n.t('error.in-app-browser')}</p>
    <p>${i18n.t('inapp.body')}</p>
    ${renderLink(i18n, page.url, page.copied, actions.copyPageLink)}
    ${page.intent ? html`<a part="button open-browser-button" class="button" href=${page.intent}>${i18n.t('inapp.open-chrome')}</a>` : nothing}
    <slot name="error"></slot>
    <button part="button retry-button" class="secondary" @click=${actions.retry}>${i18n.t('action.retry')}</button>
  </div>`;
}
