/**
 * The desktop side of the handoff: mints the link, draws its QR code, copies the link, and follows the session
 * until the phone's check is final. The phone side is `redeemHandoff()`: the code from the link becomes the
 * element's capture token. The handoff routes' client and the QR encoder are chunks of their own, loaded here on
 * demand: most visits never hand off, so neither is part of the bundle a page loads before its first guidance.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LivenessError } from '../errors.js';
import { emit } from '../events/index.js';
import type { QrPath } from './qr.js';
import { asLivenessError } from './submission-controller.js';

/** `opened`: the phone redeemed the code; the desktop waits for its check with the QR code withdrawn. */
export type HandoffState = 'idle' | 'preparing' | 'ready' | 'opened' | 'expired' | 'done';

export interface HandoffHost extends ReactiveControllerHost, EventTarget {
  readonly endpoint: string;
  readonly token: string;
}

export interface HandoffOptions {
  /** The phone's check is final: the element shows that the phone finished. */
  onComplete(): void;
  onError(error: LivenessError): void;
  announce(text: 'link.copied' | 'handoff.expired' | 'handoff.waiting' | 'handoff.opened'): void;
}

/** How often the desktop asks whether the phone's check is there and final. */
const FOLLOW_INTERVAL_MS = 1_500;

export class HandoffController implements ReactiveController {
  state: HandoffState = 'idle';
  url = '';
  expiresAt = '';
  qr: QrPath | null = null;
  copied = false;
  private run = new AbortController();
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: HandoffHost,
    private readonly options: HandoffOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Can this element hand off at all: it needs the backend and its capture token. */
  get available(): boolean {
    return Boolean(this.host.endpoint && this.host.token);
  }

  /** Mints a (new) link, shows it, and follows the session. */
  async open(): Promise<void> {
    this.stop();
    const { signal } = this.run;
    this.state = 'preparing';
    this.copied = false;
    this.qr = null;
    this.host.requestUpdate();
    try {
      const [link, qr] = await Promise.all([
        handoffClient().then((client) => client.createHandoff(this.host.endpoint, this.host.token, signal)),
        import('./qr.js'),
      ]);
      if (signal.aborted) return;
      this.url = link.url;
      this.expiresAt = link.expiresAt;
      this.qr = qr.qrPath(link.url);
      this.state = 'ready';
      this.host.requestUpdate();
      this.options.announce('handoff.waiting');
      emit(this.host, 'liveness-handoff', { url: link.url, expiresAt: link.expiresAt });
      const remaining = Math.max(0, Date.parse(link.expiresAt) - Date.now());
      this.expiryTimer = setTimeout(() => this.withdraw('expired'), remaining);
      void this.follow(signal);
    } catch (error) {
      if (!signal.aborted) this.options.onError(asLivenessError(error, 'network'));
    }
  }

  /** Stops following (the element moves on, or leaves the page). */
  stop(): void {
    this.run.abort();
    this.run = new AbortController();
    clearTimeout(this.expiryTimer);
    if (this.state !== 'done') this.state = 'idle';
  }

  async copy(): Promise<void> {
    if (await copyText(this.url)) {
      this.copied = true;
      this.host.requestUpdate();
      this.options.announce('link.copied');
    }
  }

  /**
   * Withdraws the QR code: it expired (the session is still followed: the phone may have redeemed it just in
   * time), or the phone redeemed it (from `expired` too, when this page's timer was first).
   */
  private withdraw(state: 'expired' | 'opened'): void {
    if (this.state !== 'ready' && (state === 'expired' || this.state !== 'expired')) return;
    clearTimeout(this.expiryTimer);
    this.state = state;
    this.qr = null;
    this.host.requestUpdate();
    this.options.announce(`handoff.${state}`);
  }

  private async follow(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      await sleep(FOLLOW_INTERVAL_MS, signal);
      if (signal.aborted) return;
      try {
        const client = await handoffClient();
        const { code, check } = await client.fetchHandoffStatus(this.host.endpoint, this.host.token, signal);
        failures = 0;
        if (signal.aborted) return;
        // The backend's clock decides, not only this page's timer: an expired code is withdrawn, a new one offered.
        if (code === 'redeemed' || code === 'expired') this.withdraw(code === 'redeemed' ? 'opened' : code);
        if (!check || check.status === 'processing') continue;
        this.state = 'done';
        clearTimeout(this.expiryTimer);
        const final = check.status === 'done' ? 'done' : 'failed';
        // The same detail, and the same error after a failed check, as a capture on this device.
        emit(this.host, 'liveness-complete', {
          checkId: check.checkId,
          sessionId: check.sessionId,
          status: final,
          ...(check.result !== undefined ? { result: check.result } : {}),
        });
        if (final === 'done') this.options.onComplete();
        else
          this.options.onError(new LivenessError('check-failed', 'The backend could not complete the check.', false));
        return;
      } catch (error) {
        if (signal.aborted) return;
        const liveness = asLivenessError(error, 'network');
        // A blip is waited out; a token that expired or was refused ends the wait.
        if (liveness.code !== 'network' || ++failures > 5) {
          this.options.onError(liveness);
          return;
        }
      }
    }
  }
}

/** The phone: the code in the link becomes this element's capture token. */
export async function redeemHandoff(endpoint: string, code: string, signal?: AbortSignal): Promise<string> {
  const { captureToken } = await (await handoffClient()).exchangeHandoff(endpoint, code, signal);
  return captureToken;
}

function handoffClient(): Promise<typeof import('../client/handoff-client.js')> {
  return import('../client/handoff-client.js');
}

/** The clipboard where the page may use it, else a selected textarea and the old copy command. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
