/**
 * The Store implementation shared by the memory and file stores: state changes are events, decided and applied
 * one at a time (a single queue), so concurrent requests cannot interleave a check-then-write such as consuming a
 * token. A write is acknowledged (its promise resolves) only once its event is durable.
 *
 * Group commit: the queue does not wait for the disk between events. Events decided while the journal is being
 * written and synced go together in the next single write and sync, so N concurrent writers cost one fsync, not N
 * in a row. Two copies of the state make that safe: the queue decides against every decided event (so a token
 * is never consumed twice), readers see only durable ones (so nobody acts on a write a crash could still undo).
 * If a journal write fails, the store refuses every write from then on (a restart replays the journal).
 *
 * Media files are written outside the queue (each check has its own folder) before the event that refers to
 * them, and deleted only after the event that stops referring to them is durable.
 */
import type { ProviderCheckpoint, ProviderName } from '../providers/types.js';
import { applyEvent, emptyState, snapshotOf, type StoreEvent, type StoreState } from './state.js';
import type {
  AcceptCheckResult,
  CheckCompletion,
  CheckRecord,
  MediaBlobs,
  ProviderResultRecord,
  PruneOptions,
  PruneResult,
  SessionRecord,
  Store,
  TokenUse,
  WebhookAttempt,
} from './types.js';

export interface StorePersistence {
  /** Events recorded so far, oldest first. */
  load(): Promise<StoreEvent[]>;
  /** Appends events durably, in order (one write and one sync for the lot). */
  append(events: readonly StoreEvent[]): Promise<void>;
  /** Replaces the history with one snapshot and drops media of checks not in `keepMediaFor`. */
  compact(snapshot: StoreEvent, keepMediaFor: ReadonlySet<string>): Promise<void>;
  writeMedia(checkId: string, blobs: MediaBlobs): Promise<void>;
  readMedia(checkId: string): Promise<MediaBlobs | null>;
  deleteMedia(checkId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createEventStore(persistence: StorePersistence, kind: 'memory' | 'file'): Promise<Store> {
  const state: StoreState = emptyState();
  /** What readers see: only durable events. `state` (the decided events) is for the queue's decisions. */
  const visible: StoreState = emptyState();
  for (const event of await persistence.load()) {
    applyEvent(visible, structuredClone(event));
    applyEvent(state, event);
  }
  await persistence.compact(snapshotOf(state), checksWithMedia(state));

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let broken: Error | null = null;
  /** Events applied but not yet handed to the persistence, and who waits for them (and all before) to be durable. */
  let pending: StoreEvent[] = [];
  let waiters: Array<{ resolve(): void; reject(error: Error): void }> = [];
  let flushing = false;

  const flushLoop = async (): Promise<void> => {
    flushing = true;
    while (waiters.length > 0) {
      const batch = pending;
      const batchWaiters = waiters;
      pending = [];
      waiters = [];
      try {
        if (batch.length > 0) await persistence.append(batch);
        for (const event of batch) applyEvent(visible, structuredClone(event));
        for (const waiter of batchWaiters) waiter.resolve();
      } catch (error) {
        broken = new Error('the store could not write its journal; restart the backend to replay it', { cause: error });
        for (const waiter of [...batchWaiters, ...waiters]) waiter.reject(broken);
        waiters = [];
        break;
      }
    }
    flushing = false;
  };
  /** Resolves once every event applied so far is durable. */
  const durable = (): Promise<void> => {
    if (broken) return Promise.reject(broken);
    if (pending.length === 0 && !flushing) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      waiters.push({ resolve, reject });
      if (!flushing) void flushLoop();
    });
  };
  /** Runs `work` in the queue; answers once what it recorded (and everything before it) is durable. */
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error('store is closed'));
    if (broken) return Promise.reject(broken);
    const decided = queue.then(work, work);
    queue = decided.catch(() => undefined);
    return decided.then(
      async (value) => {
        await durable();
        return value;
      },
      async (error: unknown) => {
        await durable().catch(() => undefined);
        throw error;
      },
    );
  };
  const record = (event: StoreEvent): void => {
    if (broken) throw broken;
    const own = structuredClone(event);
    applyEvent(state, own);
    pending.push(own);
  };
  const copy = <T>(value: T | undefined): T | null => (value === undefined ? null : structuredClone(value));

  return {
    createSession: (session: SessionRecord) => serially(async () => record({ type: 'session-created', session })),

    getSession: async (sessionId) => copy(visible.sessions.get(sessionId)),

    deleteSession: (sessionId) => serially(() => deleteSessionNow(sessionId)),

    getTokenUse: async (tokenId) => copy(visible.uses.get(tokenId)),

    acceptCheck: async (check: CheckRecord, blobs: MediaBlobs, use: TokenUse): Promise<AcceptCheckResult> => {
      const earlier = visible.uses.get(use.tokenId);
      if (earlier) return { accepted: false, existing: structuredClone(earlier) };
      // Media first, so a journaled check always has its bytes on disk. Written outside the queue (the folder is
      // this check's own); a crash before the journal line leaves an orphan that the next start's compaction removes.
      await persistence.writeMedia(check.id, blobs);
      let lost = true;
      try {
        const result = await serially(async (): Promise<AcceptCheckResult> => {
          const existing = state.uses.get(use.tokenId);
          if (existing) return { accepted: false, existing: structuredClone(existing) };
          if (!state.sessions.has(check.sessionId)) throw new Error(`session ${check.sessionId} does not exist`);
          record({ type: 'check-accepted', check, use });
          lost = false;
          return { accepted: true };
        });
        return result;
      } finally {
        // The token went to a concurrent upload meanwhile (or the session went): these files belong to no check.
        if (lost) await persistence.deleteMedia(check.id).catch(() => undefined);
      }
    },

    getCheck: async (checkId) => copy(visible.checks.get(checkId)),

    findCheckForSession: async (sessionId) =>
      copy([...visible.checks.values()].find((check) => check.sessionId === sessionId)),

    listProcessingChecks: async () =>
      [...visible.checks.values()]
        .filter((check) => check.status === 'processing')
        .map((check) => structuredClone(check)),

    getMedia: async (checkId) => {
      const check = visible.checks.get(checkId);
      if (!check || check.mediaDeleted) return null;
      return persistence.readMedia(checkId);
    },

    saveCheckpoint: (checkId: string, provider: ProviderName, checkpoint: ProviderCheckpoint) =>
      serially(async () => {
        if (state.checks.has(checkId)) record({ type: 'checkpoint-saved', checkId, provider, checkpoint });
      }),

    recordProviderResult: (checkId: string, result: ProviderResultRecord) =>
      serially(async () => {
        if (state.checks.has(checkId)) record({ type: 'provider-result', checkId, result });
      }),

    completeCheck: async (checkId: string, completion: CheckCompletion) => {
      const mediaDeleted = await serially(async () => {
        if (!state.checks.has(checkId)) return false;
        record({ type: 'check-completed', checkId, ...completion });
        return state.checks.get(checkId)?.mediaDeleted ?? false;
      });
      // Journal first (serially answered once it was durable): a crash before the files go leaves orphans that
      // the next start's compaction removes.
      if (mediaDeleted) await persistence.deleteMedia(checkId);
    },

    getWebhookDelivery: async (eventId) => copy(visible.webhooks.get(eventId)),

    listPendingWebhookDeliveries: async () =>
      [...visible.webhooks.values()]
        .filter((webhook) => webhook.status === 'pending')
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((webhook) => structuredClone(webhook)),

    listWebhookDeliveries: async (sessionId) =>
      [...visible.webhooks.values()]
        .filter((webhook) => webhook.sessionId === sessionId)
        .map((webhook) => structuredClone(webhook)),

    recordWebhookAttempt: (eventId: string, attempt: WebhookAttempt) =>
      serially(async () => {
        if (state.webhooks.has(eventId)) record({ type: 'webhook-attempted', eventId, ...attempt });
      }),

    prune: (now, options: PruneOptions = {}) =>
      serially(async (): Promise<PruneResult> => {
        const expiredUses = [...state.uses.values()].filter((use) => use.expiresAt <= now).length;
        if (expiredUses > 0) record({ type: 'token-uses-pruned', expiredBefore: now });
        const due = [...state.checks.values()].filter(
          (check) => !check.mediaDeleted && check.mediaExpiresAt !== null && check.mediaExpiresAt <= now,
        );
        for (const check of due) await deleteMediaOf(check.id);
        const expiredSessions =
          options.sessionRetentionSeconds === undefined
            ? []
            : sessionsPastRetention(state, now, options.sessionRetentionSeconds);
        for (const sessionId of expiredSessions) await deleteSessionNow(sessionId);
        return { tokenUses: expiredUses, media: due.length, sessions: expiredSessions.length };
      }),

    // Nothing here can become unreachable: the state is in this process, and a failed disk write fails its request.
    readiness: async () => ({ kind, ready: true }),

    close: async () => {
      closed = true;
      await queue;
      await durable().catch(() => undefined);
      await persistence.close();
    },
  };

  async function deleteSessionNow(sessionId: string): Promise<boolean> {
    if (!state.sessions.has(sessionId)) return false;
    const checkIds = [...state.checks.values()]
      .filter((check) => check.sessionId === sessionId)
      .map((check) => check.id);
    // Journal first, durably: a crash before the files go leaves orphans that the next start's compaction removes.
    record({ type: 'session-deleted', sessionId });
    await durable();
    for (const checkId of checkIds) await persistence.deleteMedia(checkId);
    return true;
  }

  async function deleteMediaOf(checkId: string): Promise<void> {
    const check = state.checks.get(checkId);
    if (!check || check.mediaDeleted) return;
    record({ type: 'media-deleted', checkId });
    await durable();
    await persistence.deleteMedia(checkId);
  }
}

/**
 * A session's last activity is its token's expiry (an upload may come until then) or its verdict, whichever is
 * later. A check still processing keeps its session: the processor is still writing to it.
 */
function sessionsPastRetention(state: StoreState, now: number, retentionSeconds: number): string[] {
  const lastActivity = new Map<string, number>();
  const busy = new Set<string>();
  for (const session of state.sessions.values()) lastActivity.set(session.id, session.tokenExpiresAt);
  for (const check of state.checks.values()) {
    if (check.status === 'processing') busy.add(check.sessionId);
    const since = lastActivity.get(check.sessionId);
    if (since !== undefined && check.completedAt !== null)
      lastActivity.set(check.sessionId, Math.max(since, check.completedAt));
  }
  const retentionMs = retentionSeconds * 1000;
  return [...lastActivity].filter(([id, since]) => !busy.has(id) && since + retentionMs <= now).map(([id]) => id);
}

function checksWithMedia(state: StoreState): Set<string> {
  return new Set([...state.checks.values()].filter((check) => !check.mediaDeleted).map((check) => check.id));
}
