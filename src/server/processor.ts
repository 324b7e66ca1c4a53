/**
 * Runs the configured providers for an accepted check, under the policy, in the background. Every provider
 * answer is persisted as soon as it arrives and the final verdict once the policy has one, so a restart loses
 * nothing: resumePending() picks up every check still processing, skips providers that already answered and hands
 * the others their saved checkpoint.
 */
import type { Logger } from './log.js';
import { describeError } from './log.js';
import { decide, shouldTryNextProvider, type ProviderAttempt, type Verdict } from './policy.js';
import {
  ProviderError,
  type CheckMedia,
  type ProviderAdapter,
  type ProviderContext,
  type ProviderOutcome,
} from './providers/types.js';
import { StoreUnavailableError } from './store/errors.js';
import { signalVerdict } from './signals.js';
import type { CheckMediaInfo, CheckRecord, ProviderResultRecord, SessionRecord, Store } from './store/types.js';
import { restoreCheckMedia } from './upload/validate.js';

export interface CheckProcessorOptions {
  adapters: readonly ProviderAdapter[];
  store: Store;
  clock: () => number;
  logger: Logger;
  /** 0: raw media is deleted as soon as the verdict is stored. */
  mediaRetentionSeconds: number;
  /**
   * Safety net above the adapters' own deadlines: a provider still busy after this long is aborted and recorded
   * as provider-timeout, so no check stays processing forever.
   */
  providerTimeoutMs?: number;
  /**
   * Set when the integrator has a webhook: each verdict then records its `check.completed` event in the same
   * store write, and `notify` is called once the verdict (and any media deletion) is stored.
   */
  webhooks?: { notify(): void };
  /** Rebuilds a stored check's media after a restart; default restoreCheckMedia on this thread. */
  restoreMedia?: (info: CheckMediaInfo, bytes: Uint8Array, selfieJpeg: Uint8Array) => Promise<CheckMedia>;
  /** LIVENESS_REJECT_VIRTUAL_CAMERA: a virtual camera decides spoof before any provider is asked. */
  rejectVirtualCamera?: boolean;
}

const DEFAULT_PROVIDER_TIMEOUT_MS = 10 * 60_000;

/** Thrown inside a run when the processor is closing or the check was cancelled: nothing more is recorded. */
class Interrupted extends Error {}

export class CheckProcessor {
  readonly #options: CheckProcessorOptions;
  readonly #running = new Map<string, { controller: AbortController; finished: Promise<void> }>();
  #closed = false;

  constructor(options: CheckProcessorOptions) {
    this.#options = options;
  }

  /**
   * Starts processing in the background. `media` saves re-reading the bytes just validated, and `accepted` the
   * check and session just stored (the upload route has both in hand).
   */
  start(checkId: string, media?: CheckMedia, accepted?: { check: CheckRecord; session: SessionRecord }): void {
    if (this.#closed || this.#running.has(checkId)) return;
    const controller = new AbortController();
    const finished = this.#run(checkId, controller.signal, media, accepted)
      .catch((error: unknown) => {
        if (error instanceof Interrupted) return;
        // The check stays processing in the store; a shared store's lease hands it out again once it is back.
        if (error instanceof StoreUnavailableError) {
          this.#options.logger.warn('check-paused', { checkId, reason: 'store-unavailable' });
          return;
        }
        this.#options.logger.error('check-crashed', { checkId, error: describeError(error) });
      })
      .finally(() => this.#running.delete(checkId));
    this.#running.set(checkId, { controller, finished });
  }

  /** Restarts every check still processing (after a restart). Resolves with their ids once they are started. */
  async resumePending(): Promise<string[]> {
    const pending = await this.#options.store.listProcessingChecks();
    for (const check of pending) {
      this.#options.logger.info('check-resumed', { checkId: check.id, answered: check.providers.length });
      this.start(check.id);
    }
    return pending.map((check) => check.id);
  }

  /** Stops working on a check (e.g. its session was deleted); nothing more is recorded for it. */
  cancel(checkId: string): void {
    this.#running.get(checkId)?.controller.abort(new Interrupted('cancelled'));
  }

  /** Ids of the checks being processed here now. */
  runningChecks(): string[] {
    return [...this.#running.keys()];
  }

  isRunning(checkId: string): boolean {
    return this.#running.has(checkId);
  }

  /** Resolves when no check is being processed. */
  async whenIdle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running.values()].map((run) => run.finished));
  }

  /** Aborts the work in flight, leaving those checks processing so the next start resumes them. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const run of this.#running.values()) run.controller.abort(new Interrupted('closing'));
    await this.whenIdle();
  }

  async #run(
    checkId: string,
    signal: AbortSignal,
    fresh: CheckMedia | undefined,
    accepted: { check: CheckRecord; session: SessionRecord } | undefined,
  ): Promise<void> {
    const { store, clock, logger } = this.#options;
    const check = accepted?.check ?? (await store.getCheck(checkId));
    if (!check || check.status !== 'processing') return;
    // The providers are not paid to judge media the policy already refuses.
    const imposed = signalVerdict(check.report, { rejectVirtualCamera: this.#options.rejectVirtualCamera ?? false });
    if (imposed) {
      await this.#complete(check, [], imposed);
      logger.info('check-completed', {
        checkId,
        status: imposed.status,
        decision: imposed.decision,
        reason: imposed.reason,
      });
      return;
    }
    const session = accepted?.session ?? (await store.getSession(check.sessionId));
    const media = fresh ?? (await this.#loadMedia(check));
    if (media === null) {
      await this.#complete(check, [], 'media-missing');
      return;
    }
    const startedAt = clock();
    // Handed over by the upload route: stored a moment ago, under this instance's lease, never attempted.
    const attempts = await this.#attemptAll(check, session, media, signal, accepted !== undefined);
    if (signal.aborted) throw new Interrupted('aborted');
    const verdict = await this.#complete(check, attempts);
    logger.info('check-completed', {
      checkId,
      status: verdict.status,
      decision: verdict.decision,
      durationMs: clock() - startedAt,
    });
  }

  async #loadMedia(check: CheckRecord): Promise<CheckMedia | null> {
    const blobs = await this.#options.store.getMedia(check.id);
    if (!blobs) return null;
    const { restoreMedia } = this.#options;
    if (restoreMedia) return restoreMedia(check.media, blobs.media, blobs.selfieJpeg);
    return restoreCheckMedia(check.media, blobs.media, blobs.selfieJpeg);
  }

  async #attemptAll(
    check: CheckRecord,
    session: SessionRecord | null,
    media: CheckMedia,
    signal: AbortSignal,
    firstAttempt: boolean,
  ): Promise<ProviderAttempt[]> {
    const answered = new Map(check.providers.map((result) => [result.provider, attemptFrom(result)]));
    const attempt = async (adapter: ProviderAdapter): Promise<ProviderAttempt> =>
      answered.get(adapter.name) ?? (await this.#runProvider(adapter, check, session, media, signal, firstAttempt));

    if (check.policy !== 'fallback') {
      // allSettled, so an interrupted run returns only once every provider call has wound down.
      const attempts: ProviderAttempt[] = [];
      for (const result of await Promise.allSettled(this.#options.adapters.map(attempt))) {
        if (result.status === 'rejected') throw result.reason;
        attempts.push(result.value);
      }
      return attempts;
    }
    const attempts: ProviderAttempt[] = [];
    for (const adapter of this.#options.adapters) {
      const result = await attempt(adapter);
      attempts.push(result);
      if (!shouldTryNextProvider(result)) break;
    }
    return attempts;
  }

  async #runProvider(
    adapter: ProviderAdapter,
    check: CheckRecord,
    session: SessionRecord | null,
    media: CheckMedia,
    parent: AbortSignal,
    firstAttempt: boolean,
  ): Promise<ProviderAttempt> {
    if (parent.aborted) throw new Interrupted('aborted');
    const { store, clock, logger } = this.#options;
    const timeoutMs = this.#options.providerTimeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
    const controller = new AbortController();
    const abortFromParent = (): void => controller.abort(parent.reason);
    parent.addEventListener('abort', abortFromParent, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('provider timeout'));
    }, timeoutMs);
    const scenario = adapter.sandbox ? session?.sandboxScenario[adapter.name] : undefined;
    const context: ProviderContext = {
      checkId: check.id,
      sessionId: check.sessionId,
      signal: controller.signal,
      ...(check.checkpoints[adapter.name] ? { checkpoint: check.checkpoints[adapter.name] } : {}),
      firstAttempt,
      saveCheckpoint: (checkpoint) => store.saveCheckpoint(check.id, adapter.name, checkpoint),
      ...(scenario ? { sandboxScenario: scenario } : {}),
    };

    const startedAt = clock();
    let result: ProviderResultRecord;
    try {
      result = doneRecord(adapter, await adapter.verify(media, context));
    } catch (error) {
      if (parent.aborted) throw new Interrupted('aborted');
      if (!(error instanceof ProviderError) && !timedOut) {
        logger.error('provider-crashed', { checkId: check.id, provider: adapter.name, error: describeError(error) });
      }
      const failure = timedOut
        ? new ProviderError(adapter.name, 'provider-timeout', `no answer within ${timeoutMs} ms`)
        : asProviderError(adapter, error);
      result = errorRecord(adapter, failure, startedAt, clock());
    } finally {
      clearTimeout(timer);
      parent.removeEventListener('abort', abortFromParent);
    }
    if (parent.aborted) throw new Interrupted('aborted');
    await store.recordProviderResult(check.id, result);
    logger.info('provider-finished', {
      checkId: check.id,
      provider: adapter.name,
      status: result.status,
      code: result.error?.code,
      durationMs: clock() - startedAt,
    });
    return attemptFrom(result);
  }

  async #complete(check: CheckRecord, attempts: readonly ProviderAttempt[], problem?: 'media-missing' | Verdict) {
    const { store, clock, mediaRetentionSeconds } = this.#options;
    const verdict =
      problem === 'media-missing'
        ? {
            status: 'failed' as const,
            decision: 'inconclusive' as const,
            reason: 'the media of this check is no longer stored',
          }
        : (problem ?? decide(check.policy, attempts));
    const completedAt = clock();
    const webhooks = this.#options.webhooks;
    await store.completeCheck(check.id, {
      status: verdict.status,
      verdict: { decision: verdict.decision, reason: verdict.reason },
      completedAt,
      mediaExpiresAt: completedAt + mediaRetentionSeconds * 1000,
      ...(webhooks ? { webhookEvent: { eventId: `evt_${crypto.randomUUID()}`, createdAt: completedAt } } : {}),
    });
    webhooks?.notify();
    return verdict;
  }
}

function doneRecord(adapter: ProviderAdapter, outcome: ProviderOutcome): ProviderResultRecord {
  return {
    provider: adapter.name,
    sandbox: adapter.sandbox,
    status: 'done',
    decision: outcome.decision,
    score: outcome.score,
    raw: outcome.raw,
    threshold: outcome.threshold,
    ids: outcome.ids,
    timings: outcome.timings,
    reason: outcome.reason,
  };
}

/** An error carries no provider timings, so the backend's own measurement stands in (attempts unknown). */
function errorRecord(
  adapter: ProviderAdapter,
  failure: ProviderError,
  startedAt: number,
  finishedAt: number,
): ProviderResultRecord {
  return {
    provider: adapter.name,
    sandbox: adapter.sandbox,
    status: 'error',
    decision: null,
    score: null,
    raw: null,
    threshold: null,
    ids: {},
    timings: {
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      durationMs: finishedAt - startedAt,
      attempts: null,
    },
    reason: null,
    error: { code: failure.code, message: failure.message },
  };
}

function attemptFrom(result: ProviderResultRecord): ProviderAttempt {
  if (result.status === 'done' && result.decision !== null)
    return { provider: result.provider, outcome: { decision: result.decision } };
  return {
    provider: result.provider,
    error: result.error ?? { code: 'provider-protocol', message: 'stored result has no decision' },
  };
}

function asProviderError(adapter: ProviderAdapter, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError(adapter.name, 'provider-failed', 'the adapter failed unexpectedly', {}, { cause: error });
}
