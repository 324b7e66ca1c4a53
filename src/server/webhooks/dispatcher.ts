/**
 * Delivers the integrator's webhook events (one `check.completed` per check) out of the store. The store holds
 * every pending delivery with its next due time, so a restarted backend carries on where the previous one
 * stopped. Delivery is at least once: an attempt cut short by a crash or a close is made again, with the same
 * event id, which receivers deduplicate on.
 */
import type { WebhookSettings } from '../config.js';
import { describeError, type Logger } from '../log.js';
import type { Store, WebhookDeliveryRecord } from '../store/types.js';
import { WEBHOOK_HEADERS, signWebhook } from '../webhook-signature.js';
import { DEFAULT_RETRY_SCHEDULE, nextRetryDelayMs, type RetrySchedule } from './schedule.js';

/** The JSON body of every delivery. */
export interface WebhookEvent {
  id: string;
  type: 'check.completed';
  /** ISO 8601: when the verdict was stored. */
  createdAt: string;
  /** The check's result, as GET /sessions/:id/result returns it. */
  data: unknown;
}

export interface WebhookTuning {
  /** Wait after the first failure (doubles each time). Default 10 s. */
  retryBaseDelayMs?: number;
  /** Cap of one wait. Default 20 min. */
  retryMaxDelayMs?: number;
  /** Per attempt, connection to the end of the response headers. Default 10 s. */
  timeoutMs?: number;
  /** Deliveries on the wire at once. Default 4. */
  concurrency?: number;
}

export interface WebhookDispatcherOptions extends WebhookTuning {
  settings: WebhookSettings;
  store: Store;
  /** The event's `data` as it stands now; null when the check or its session is gone (nothing is sent). */
  render(delivery: WebhookDeliveryRecord): Promise<unknown>;
  clock: () => number;
  logger: Logger;
  fetch?: typeof fetch;
  random?: () => number;
  /**
   * Set when several instances share the store: a delivery is attempted only by the instance that leased it, and
   * the store is re-read every `rescanMs` for deliveries other instances left behind (they died, or gave up a
   * lease on close).
   */
  cluster?: { claim(eventId: string): Promise<boolean>; rescanMs: number };
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
const DEFAULT_CONCURRENCY = 4;
const USER_AGENT = 'liveness-backend-webhooks/1';
// setTimeout overflows past this and would fire at once.
const MAX_TIMER_MS = 2_147_483_647;

export class WebhookDispatcher {
  readonly #options: WebhookDispatcherOptions;
  readonly #schedule: RetrySchedule;
  readonly #inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #pumping: Promise<void> | null = null;
  #pumpAgain = false;
  #closed = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#options = options;
    this.#schedule = {
      baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_SCHEDULE.baseDelayMs,
      maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_SCHEDULE.maxDelayMs,
      maxAttempts: options.settings.maxAttempts,
    };
  }

  /** Looks for due deliveries now (a verdict was just stored, or the backend started). */
  wake(): void {
    if (this.#closed) return;
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    this.#pumping = this.#pump()
      .catch((error: unknown) => {
        this.#options.logger.error('webhook-scan-failed', { error: describeError(error) });
        this.#wakeLater(this.#schedule.baseDelayMs);
      })
      .finally(() => {
        this.#pumping = null;
        if (this.#pumpAgain) {
          this.#pumpAgain = false;
          this.wake();
        }
      });
  }

  /** Resolves once no scan and no attempt is running (deliveries waiting for a retry may remain). */
  async whenIdle(): Promise<void> {
    while (this.#pumping || this.#inFlight.size > 0) {
      await Promise.all([this.#pumping, ...[...this.#inFlight.values()].map((run) => run.done)]);
    }
  }

  /** Stops: attempts on the wire are abandoned unrecorded, so they are made again after the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const run of this.#inFlight.values()) run.controller.abort(new Error('backend closing'));
    await this.whenIdle();
  }

  async #pump(): Promise<void> {
    const pending = await this.#options.store.listPendingWebhookDeliveries();
    const now = this.#options.clock();
    const concurrency = this.#options.concurrency ?? DEFAULT_CONCURRENCY;
    let nextDue = Number.POSITIVE_INFINITY;
    for (const delivery of pending) {
      if (this.#closed) return;
      if (this.#inFlight.has(delivery.eventId)) continue;
      const due = delivery.nextAttemptAt ?? now;
      if (due > now) nextDue = Math.min(nextDue, due);
      // A due delivery without a free slot is picked up when a running one finishes (each finish wakes us).
      else if (this.#inFlight.size < concurrency) {
        const cluster = this.#options.cluster;
        // Held by another instance: look again once its lease may have run out.
        if (cluster && !(await cluster.claim(delivery.eventId))) nextDue = Math.min(nextDue, now + cluster.rescanMs);
        else if (!this.#closed && !this.#inFlight.has(delivery.eventId)) this.#start(delivery);
      }
    }
    const rescanMs = this.#options.cluster?.rescanMs;
    if (rescanMs !== undefined) nextDue = Math.min(nextDue, now + rescanMs);
    if (Number.isFinite(nextDue)) this.#wakeLater(nextDue - now);
  }

  #start(delivery: WebhookDeliveryRecord): void {
    const controller = new AbortController();
    const done = this.#attempt(delivery, controller.signal).then(
      () => {
        this.#inFlight.delete(delivery.eventId);
        this.wake();
      },
      (error: unknown) => {
        // The store refused the write (or rendering failed): try again later rather than in a tight loop.
        this.#inFlight.delete(delivery.eventId);
        this.#options.logger.error('webhook-attempt-crashed', {
          eventId: delivery.eventId,
          error: describeError(error),
        });
        this.#wakeLater(this.#schedule.baseDelayMs);
      },
    );
    this.#inFlight.set(delivery.eventId, { controller, done });
  }

  #wakeLater(delayMs: number): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        this.wake();
      },
      Math.min(Math.max(0, delayMs), MAX_TIMER_MS),
    );
    // A pending retry must not keep a process (or a test runner) alive on its own.
    if (typeof this.#timer === 'object' && 'unref' in this.#timer) this.#timer.unref();
  }

  async #attempt(delivery: WebhookDeliveryRecord, signal: AbortSignal): Promise<void> {
    const { store, clock, logger } = this.#options;
    const data = await this.#options.render(delivery);
    if (data === null) return;
    const event: WebhookEvent = {
      id: delivery.eventId,
      type: delivery.type,
      createdAt: new Date(delivery.createdAt).toISOString(),
      data,
    };
    const body = JSON.stringify(event);
    const attempt = delivery.attempts + 1;
    const attemptedAt = clock();
    const failure = await this.#post(body, delivery.eventId, attemptedAt, attempt, signal);
    if (signal.aborted) return;
    const finishedAt = clock();
    const fields = {
      eventId: delivery.eventId,
      checkId: delivery.checkId,
      attempt,
      durationMs: finishedAt - attemptedAt,
    };

    if (failure === null) {
      await store.recordWebhookAttempt(delivery.eventId, {
        attemptedAt,
        status: 'delivered',
        nextAttemptAt: null,
        error: null,
      });
      logger.info('webhook-delivered', fields);
      return;
    }
    const delay = nextRetryDelayMs(attempt, this.#schedule, this.#options.random ?? Math.random);
    await store.recordWebhookAttempt(delivery.eventId, {
      attemptedAt,
      status: delay === null ? 'failed' : 'pending',
      nextAttemptAt: delay === null ? null : finishedAt + delay,
      error: failure,
    });
    if (delay === null) logger.error('webhook-gave-up', { ...fields, error: failure });
    else logger.warn('webhook-attempt-failed', { ...fields, error: failure, retryInMs: delay });
  }

  /** One POST; null when the receiver answered 2xx, otherwise why not. Redirects are failures, not followed. */
  async #post(
    body: string,
    eventId: string,
    attemptedAt: number,
    attempt: number,
    signal: AbortSignal,
  ): Promise<string | null> {
    const { settings } = this.#options;
    const timestamp = Math.floor(attemptedAt / 1000);
    try {
      const response = await (this.#options.fetch ?? fetch)(settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          [WEBHOOK_HEADERS.eventId]: eventId,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(settings.secret, timestamp, body),
          [WEBHOOK_HEADERS.attempt]: String(attempt),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.#options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS)]),
      });
      // The receiver's answer is not used; draining it frees the connection.
      await response.body?.cancel().catch(() => undefined);
      return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
    } catch (error) {
      return describeError(error);
    }
  }
}
