/**
 * The store's in-memory state and the events that change it. Both stores apply the same events; the file store
 * also appends them to its journal, so replaying the journal rebuilds exactly this state.
 */
import type { ProviderCheckpoint, ProviderName } from '../providers/types.js';
import type { CheckCompletion, CheckRecord, ProviderResultRecord, SessionRecord, TokenUse } from './types.js';

export type StoreEvent =
  | { type: 'session-created'; session: SessionRecord }
  | { type: 'session-deleted'; sessionId: string }
  | { type: 'check-accepted'; check: CheckRecord; use: TokenUse }
  | { type: 'checkpoint-saved'; checkId: string; provider: ProviderName; checkpoint: ProviderCheckpoint }
  | { type: 'provider-result'; checkId: string; result: ProviderResultRecord }
  | ({ type: 'check-completed'; checkId: string } & CheckCompletion)
  | { type: 'media-deleted'; checkId: string }
  | { type: 'token-uses-pruned'; expiredBefore: number }
  | { type: 'snapshot'; sessions: SessionRecord[]; checks: CheckRecord[]; uses: TokenUse[] };

export interface StoreState {
  sessions: Map<string, SessionRecord>;
  checks: Map<string, CheckRecord>;
  uses: Map<string, TokenUse>;
}

export function emptyState(): StoreState {
  return { sessions: new Map(), checks: new Map(), uses: new Map() };
}

/** The whole state as one event, for journal compaction. */
export function snapshotOf(state: StoreState): StoreEvent {
  return {
    type: 'snapshot',
    sessions: [...state.sessions.values()],
    checks: [...state.checks.values()],
    uses: [...state.uses.values()],
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
      check.providers = [...check.providers.filter((result) => result.provider !== event.result.provider), event.result];
      return;
    }
    case 'check-completed': {
      const check = state.checks.get(event.checkId);
      if (!check) return;
      check.status = event.status;
      check.verdict = event.verdict;
      check.completedAt = event.completedAt;
      check.mediaExpiresAt = event.mediaExpiresAt;
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
    case 'snapshot':
      state.sessions = new Map(event.sessions.map((session) => [session.id, session]));
      state.checks = new Map(event.checks.map((check) => [check.id, check]));
      state.uses = new Map(event.uses.map((use) => [use.tokenId, use]));
      return;
  }
}
