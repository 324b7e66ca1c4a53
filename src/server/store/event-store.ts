/**
 * The Store implementation shared by the memory and file stores: state changes are events, written by the
 * persistence first and applied second, one at a time (a single queue), so concurrent requests cannot interleave
 * a check-then-write such as consuming a token.
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
  append(event: StoreEvent): Promise<void>;
  /** Replaces the history with one snapshot and drops media of checks not in `keepMediaFor`. */
  compact(snapshot: StoreEvent, keepMediaFor: ReadonlySet<string>): Promise<void>;
  writeMedia(checkId: string, blobs: MediaBlobs): Promise<void>;
  readMedia(checkId: string): Promise<MediaBlobs | null>;
  deleteMedia(checkId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createEventStore(persistence: StorePersistence, kind: 'memory' | 'file'): Promise<Store> {
  const state: StoreState = emptyState();
  for (const event of await persistence.load()) applyEvent(state, event);
  await persistence.compact(snapshotOf(state), checksWithMedia(state));

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error('store is closed'));
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const record = async (event: StoreEvent): Promise<void> => {
    const own = structuredClone(event);
    await persistence.append(own);
    applyEvent(state, own);
  };
  const copy = <T>(value: T | undefined): T | null => (value === undefined ? null : structuredClone(value));

  return {
    createSession: (session: SessionRecord) => serially(() => record({ type: 'session-created', session })),

    getSession: async (sessionId) => copy(state.sessions.get(sessionId)),

    deleteSession: (sessionId) => serially(() => deleteSessionNow(sessionId)),

    getTokenUse: async (tokenId) => copy(state.uses.get(tokenId)),

    acceptCheck: (check: CheckRecord, blobs: MediaBlobs, use: TokenUse) =>
      serially(async (): Promise<AcceptCheckResult> => {
        const existing = state.uses.get(use.tokenId);
        if (existing) return { accepted: false, existing: structuredClone(existing) };
        if (!state.sessions.has(check.sessionId)) throw new Error(`session ${check.sessionId} does not exist`);
        // Media first, so a journaled check always has its bytes on disk.
        await persistence.writeMedia(check.id, blobs);
        await record({ type: 'check-accepted', check, use });
        return { accepted: true };
      }),

    getCheck: async (checkId) => copy(state.checks.get(checkId)),

    findCheckForSession: async (sessionId) =>
      copy([...state.checks.values()].find((check) => check.sessionId === sessionId)),

    listProcessingChecks: async () =>
      [...state.checks.values()].filter((check) => check.status === 'processing').map((check) => structuredClone(check)),

    getMedia: async (checkId) => {
      const check = state.checks.get(checkId);
      if (!check || check.mediaDeleted) return null;
      return persistence.readMedia(checkId);
    },

    saveCheckpoint: (checkId: string, provider: ProviderName, checkpoint: ProviderCheckpoint) =>
      serially(async () => {
        if (state.checks.has(checkId)) await record({ type: 'checkpoint-saved', checkId, provider, checkpoint });
      }),

    recordProviderResult: (checkId: string, result: ProviderResultRecord) =>
      serially(async () => {
        if (state.checks.has(checkId)) await record({ type: 'provider-result', checkId, result });
      }),

    completeCheck: (checkId: string, completion: CheckCompletion) =>
      serially(async () => {
        if (!state.checks.has(checkId)) return;
        await record({ type: 'check-completed', checkId, ...completion });
        // Journal first: a crash before the files go leaves orphans that the next start's compaction removes.
        if (state.checks.get(checkId)?.mediaDeleted) await persistence.deleteMedia(checkId);
      }),

    getWebhookDelivery: async (eventId) => copy(state.webhooks.get(eventId)),

    listPendingWebhookDeliveries: async () =>
      [...state.webhooks.values()]
        .filter((webhook) => webhook.status === 'pending')
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((webhook) => structuredClone(webhook)),

    listWebhookDeliveries: async (sessionId) =>
      [...state.webhooks.values()].filter((webhook) => webhook.sessionId === sessionId).map((webhook) => structuredClone(webhook)),

    recordWebhookAttempt: (eventId: string, attempt: WebhookAttempt) =>
      serially(async () => {
        if (state.webhooks.has(eventId)) await record({ type: 'webhook-attempted', eventId, ...attempt });
      }),

    prune: (now, options: PruneOptions = {}) =>
      serially(async (): Promise<PruneResult> => {
        const expiredUses = [...state.uses.values()].filter((use) => use.expiresAt <= now).length;
        if (expiredUses > 0) await record({ type: 'token-uses-pruned', expiredBefore: now });
        const due = [...state.checks.values()].filter(
          (check) => !check.mediaDeleted && check.mediaExpiresAt !== null && check.mediaExpiresAt <= now,
        );
        for (const check of due) await deleteMediaOf(check.id);
        const expiredSessions =
          options.sessionRetentionSeconds === undefined ? [] : sessionsPastRetention(state, now, options.sessionRetentionSeconds);
        for (const sessionId of expiredSessions) await deleteSessionNow(sessionId);
        return { tokenUses: expiredUses, media: due.length, sessions: expiredSessions.length };
      }),

    // Nothing here can become unreachable: the state is in this process, and a failed disk write fails its request.
    readiness: async () => ({ kind, ready: true }),

    close: async () => {
      closed = true;
      await queue;
      await persistence.close();
    },
  };

  async function deleteSessionNow(sessionId: string): Promise<boolean> {
    if (!state.sessions.has(sessionId)) return false;
    const checkIds = [...state.checks.values()].filter((check) => check.sessionId === sessionId).map((check) => check.id);
    // Journal first: a crash before the files go leaves orphans that the next start's compaction removes.
    await record({ type: 'session-deleted', sessionId });
    for (const checkId of checkIds) await persistence.deleteMedia(checkId);
    return true;
  }

  async function deleteMediaOf(checkId: string): Promise<void> {
    const check = state.checks.get(checkId);
    if (!check || check.mediaDeleted) return;
    await record({ type: 'media-deleted', checkId });
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
    if (since !== undefined && check.completedAt !== null) lastActivity.set(check.sessionId, Math.max(since, check.completedAt));
  }
  const retentionMs = retentionSeconds * 1000;
  return [...lastActivity].filter(([id, since]) => !busy.has(id) && since + retentionMs <= now).map(([id]) => id);
}

function checksWithMedia(state: StoreState): Set<string> {
  return new Set([...state.checks.values()].filter((check) => !check.mediaDeleted).map((check) => check.id));
}
