/** Handoff codes: what the stores keep of the short-lived, single-use links that move a check to a phone. */
import type { HandoffCodeState } from '../../shared/handoff.js';

export interface HandoffRecord {
  /** SHA-256 of the code (base64url): a copy of the store holds no code that would still open a session. */
  codeHash: string;
  sessionId: string;
  /** Origins the phone's capture token is bound to: the page the link opens. */
  origins: string[];
  /** Epoch milliseconds. */
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export type RedeemResult =
  { redeemed: true; record: HandoffRecord } | { redeemed: false; reason: 'unknown' | 'used' | 'expired' | 'origin' };

/** The handoff part of a store; both the embedded stores and PostgreSQL have it (`Store.handoffs`). */
export interface HandoffStore {
  createHandoff(record: HandoffRecord): Promise<void>;
  /**
   * Marks the code used, atomically: of two phones opening the same link at once, exactly one gets it. `origin`
   * (the request's Origin header, null when it sent none) is checked first: a refused origin leaves the code unused.
   */
  redeemHandoff(codeHash: string, now: number, origin: string | null): Promise<RedeemResult>;
  /** The session's most recently minted code, or null: what the desktop's status shows of the phone. */
  latestHandoff(sessionId: string): Promise<HandoffRecord | null>;
  /** Forgets codes that expired more than HANDOFF_KEEP_MS ago; returns how many. */
  pruneHandoffs(now: number): Promise<number>;
}

/** An expired or used code is remembered this long after its expiry, so the phone hears "expired", not "unknown". */
export const HANDOFF_KEEP_MS = 24 * 60 * 60 * 1000;

/** Why a code cannot be redeemed, decided in one place for every store. */
export function redeemVerdict(
  record: HandoffRecord | null | undefined,
  now: number,
  origin: string | null,
): RedeemResult {
  if (!record) return { redeemed: false, reason: 'unknown' };
  if (record.usedAt !== null) return { redeemed: false, reason: 'used' };
  if (record.expiresAt <= now) return { redeemed: false, reason: 'expired' };
  // After used/expired: a stranger's origin learns nothing new, and a refusal never spends the code.
  if (origin !== null && !record.origins.includes(origin)) return { redeemed: false, reason: 'origin' };
  return { redeemed: true, record: { ...record, usedAt: now } };
}

/** What the desktop shows of its latest code. */
export function handoffCodeState(record: HandoffRecord | null, now: number): HandoffCodeState | null {
  if (!record) return null;
  if (record.usedAt !== null) return 'redeemed';
  return record.expiresAt <= now ? 'expired' : 'waiting';
}
