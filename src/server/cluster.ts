/**
 * How one instance takes part in a cluster that shares a store (PostgreSQL): it keeps the leases of the checks it
 * processes alive, claims checks nobody holds (a stopped instance gave them up, or a dead one stopped renewing),
 * and passes provider hints (an Oz webhook that reached this instance) to whichever instance is polling.
 */
import { describeError, type Logger } from './log.js';
import type { CheckProcessor } from './processor.js';
import type { ProviderAdapter } from './providers/types.js';
import type { ClusterCoordination } from './store/types.js';

/** Checks one instance processes at once before it leaves the rest to others (most time is spent waiting on providers). */
const MAX_CLAIMED_CHECKS = 64;

export interface WorkSchedulerOptions {
  cluster: ClusterCoordination;
  processor: CheckProcessor;
  logger: Logger;
}

/**
 * Every third of the lease: renew the leases of the checks running here (a check whose lease was lost is stopped
 * here, since another instance owns it now), then claim what is free. A `work-released` notification claims at once.
 */
export class WorkScheduler {
  readonly #options: WorkSchedulerOptions;
  #timer: ReturnType<typeof setInterval> | null = null;
  #unsubscribe: (() => void) | null = null;
  #ticking: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(options: WorkSchedulerOptions) {
    this.#options = options;
  }

  start(): void {
    const { cluster } = this.#options;
    this.#unsubscribe = cluster.subscribe('work-released', () => this.tick());
    this.#timer = setInterval(() => this.tick(), Math.max(100, Math.floor(cluster.leaseMs / 3)));
    this.#timer.unref();
    this.tick();
  }

  /** Renews and claims now (coalesced with a run in progress). */
  tick(): void {
    if (this.#stopped) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = this.#run()
      .catch((error: unknown) => this.#options.logger.warn('work-lease-round-failed', { error: describeError(error) }))
      .finally(() => {
        this.#ticking = null;
        if (this.#again) {
          this.#again = false;
          this.tick();
        }
      });
  }

  /** Stops claiming; the processor is closed by the backend, and the leases released by the store. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#unsubscribe?.();
    await this.#ticking;
  }

  async #run(): Promise<void> {
    const { cluster, processor, logger } = this.#options;
    const running = processor.runningChecks();
    if (running.length > 0) {
      const held = new Set(await cluster.renewChecks(running));
      for (const checkId of running) {
        // Finished meanwhile (its verdict cleared the lease), or taken over after a long stall: either way not ours.
        if (!held.has(checkId) && processor.isRunning(checkId)) {
          logger.warn('work-lease-lost', { checkId });
          processor.cancel(checkId);
        }
      }
    }
    if (this.#stopped) return;
    const claimed = await cluster.claimChecks(MAX_CLAIMED_CHECKS - processor.runningChecks().length);
    for (const checkId of claimed) {
      logger.info('check-claimed', { checkId, instance: cluster.instanceId });
      processor.start(checkId);
    }
  }
}

interface HintListener {
  notifyAnalysisUpdated(analysisId: string): unknown;
}

function isHintListener(adapter: ProviderAdapter): adapter is ProviderAdapter & HintListener {
  return typeof (adapter as Partial<HintListener>).notifyAnalysisUpdated === 'function';
}

/**
 * Adapters whose provider hints (`notifyAnalysisUpdated`, called by the provider's webhook route) reach every
 * instance: the hint is applied here at once and published, and each instance applies the hints it hears. The
 * webhook body is never trusted either way; a hint only makes a waiting poll re-read the provider sooner.
 */
export function clusterAdapters(
  adapters: readonly ProviderAdapter[],
  cluster: ClusterCoordination,
  logger: Logger,
): { adapters: ProviderAdapter[]; close(): void } {
  const unsubscribe = cluster.subscribe('provider-hint', (payload) => {
    const hint = parseHint(payload);
    if (!hint) return;
    for (const adapter of adapters)
      if (adapter.name === hint.provider && isHintListener(adapter)) adapter.notifyAnalysisUpdated(hint.id);
  });
  const wrapped = adapters.map((adapter): ProviderAdapter => {
    if (!isHintListener(adapter)) return adapter;
    const local = adapter.notifyAnalysisUpdated.bind(adapter);
    const shared: ProviderAdapter & HintListener = Object.assign(Object.create(adapter) as ProviderAdapter, {
      notifyAnalysisUpdated: (analysisId: string) => {
        local(analysisId);
        cluster
          .publish('provider-hint', JSON.stringify({ provider: adapter.name, id: analysisId }))
          .catch((error: unknown) =>
            logger.warn('provider-hint-publish-failed', { provider: adapter.name, error: describeError(error) }),
          );
      },
    });
    return shared;
  });
  return { adapters: wrapped, close: unsubscribe };
}

function parseHint(payload: string): { provider: string; id: string } | null {
  try {
    const value = JSON.parse(payload) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { provider, id } = value as Record<string, unknown>;
    return typeof provider === 'string' && typeof id === 'string' ? { provider, id } : null;
  } catch {
    return null;
  }
}
