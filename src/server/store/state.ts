/**
 * The store's in-memory state and the events that change it. Both stores apply the same events; the file store
 * also appends them to its journal, so replaying the journal rebuilds exactly this state.
 */
import type { ProviderCheckpoint, ProviderName } from '../providers/types.js';
import type {
  CheckCompletion,
  CheckRecord,
  ProviderResultRecord,
  SessionRecord,
  TokenUse,
  WebhookAttempt,
  WebhookDeliveryRecord,
} from './types.js';

export type StoreEvent =
  | { type: 'session-created'; session: SessionRecord }
  | { type: 'session-deleted'; sessionId: string }
  | { type: 'check-accepted'; check: CheckRecord; use: TokenUse }
  | { type: 'checkpoint-saved'; checkId: string; provider: ProviderName; checkpoint: ProviderCheckpoint }
  | { type: 'provider-result'; checkId: string; result: ProviderResultRecord }
  | ({ type: 'check-completed'; checkId: string } & CheckCompletion)
  | { type: 'media-deleted'; checkId: string }
  | { type: 'token-uses-pruned'; expiredBefore: number }
  | ({ type: 'webhook-attempted'; eventId: string } & WebhookAttempt)
  // `webhooks` is absent from snapshots written before outbound webhooks existed.
  | {
      type: 'snapshot';
      sessions: SessionRecord[];
      checks: CheckRecord[];
      uses: TokenUse[];
      webhooks?: WebhookDeliveryRecord[];
    };

export interface StoreState {
  sessions: Map<string, SessionRecord>;
  checks: Map<string, CheckRecord>;
  uses: Map<string, TokenUse>;
  /** By event id. */
  webhooks: Map<string, WebhookDeliveryRecord>;
}

export function emptyState(): StoreState {
  return { sessions: new Map(), checks: new Map(), uses: new Map(), webhooks: new Map() };
}

/** The whole state as one event, for journal compaction. */
export function snapshotOf(state: StoreState): StoreEvent {
  return {
    type: 'snapshot',
    sessions: [...state.sessions.values()],
    checks: [...state.checks.values()],
    uses: [...state.uses.values()],
    webhooks: [...state.webhooks.values()],
  };
}

export function applyEvent(state: StoreState, event: StoreEvent): void {
  switch (event.type) {
    case 'session-created':
      state.sessions.set(event.session.id, event.session);
      return;
    case 'session-deleted':
      state.sessions.delete(event.sessionId);
      for (const [id, check] of state.checks) if (check.sessionId === event.sessionId) state.checks.delete(id);
      for (const [id, use] of state.uses) if (use.sessionId === event.sessionId) state.uses.delete(id);
      for (const [id, webhook] of state.webhooks) if (webhook.sessionId === event.sessionId) state.webhooks.delete(id);
      return;
    case 'check-accepted':
      state.checks.set(event.check.id, event.check);
      state.uses.set(event.use.tokenId, event.use);
      return;
    case 'checkpoint-saved': {
      const check = state.checks.get(event.checkId);
      if (check) check.checkpoints[event.provider] = event.checkpoint;
      return;
    }
    case 'provider-result': {
      const check = state.checks.get(event.checkId);
      if (!check) return;
      check.providers = [
        ...check.providers.filter((result) => result.provider !== event.result.provider),
        event.result,
      ];
      return;
    }
    case 'check-completed': {
      const check = state.checks.get(event.checkId);
      if (!check) return;
      check.status = event.status;
      check.verdict = event.verdict;
      check.completedAt = event.completedAt;
      check.mediaExpiresAt = event.mediaExpiresAt;
      // Zero retention: the verdict and the media's deletion are one write, so no reader sees a final result
      // whose media is still kept.
      if (event.mediaExpiresAt <= event.completedAt) check.mediaDeleted = true;
      if (event.webhookEvent && !hasWebhookFor(state, check.id)) {
        state.webhooks.set(event.webhookEvent.eventId, newDelivery(check, event.webhookEvent));
      }
      return;
    }
    case 'media-deleted': {
      const check = state.checks.get(event.checkId);
      if (check) check.mediaDeleted = true;
      return;
    }
    case 'token-uses-pruned':
      for (const [id, use] of state.uses) if (use.expiresAt <= event.expiredBefore) state.uses.delete(id);
      return;
    case 'webhook-attempted': {
      const webhook = state.webhooks.get(event.eventId);
      if (!webhook) return;
      webhook.attempts += 1;
      webhook.status = event.status;
      webhook.lastAttemptAt = event.attemptedAt;
      webhook.nextAttemptAt = event.nextAttemptAt;
      webhook.lastError = event.error;
      if (event.status === 'delivered') webhook.deliveredAt = event.attemptedAt;
      return;
    }
    case 'snapshot':
      state.sessions = new Map(event.sessions.map((session) => [session.id, session]));
      state.checks = new Map(event.checks.map((check) => [check.id, check]));
      state.uses = new Map(event.uses.map((use) => [use.tokenId, use]));
      state.webhooks = new Map((event.webhooks ?? []).map((webhook) => [webhook.eventId, webhook]));
      return;
  }
}

function hasWebhookFor(state: StoreState, checkId: string): boolean {
  for (const webhook of state.webhooks.values()) if (webhook.checkId === checkId) return true;
  return false;
}

function newDelivery(check: CheckRecord, event: { eventId: string; createdAt: number }): WebhookDeliveryRecord {
  return {
    eventId: event.eventId,
    type: 'check.completed',
    checkId: check.id,
    sessionId: check.sessionId,
    createdAt: event.createdAt,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: event.createdAt,
    lastAttemptAt: null,
    lastError: null,
    deliveredAt: null,
  };
}
