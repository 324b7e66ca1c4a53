/**
 * What the backend persists, behind a narrow async interface so a Redis or PostgreSQL store can replace the
 * embedded file store when several instances share the work.
 */
import type { CaptureReport, MediaKind } from '../../shared/media.js';
import type { CheckStatus, ProviderResultStatus } from '../../shared/providers.js';
import type { HandoffStore } from '../handoff/types.js';
import type { Decision, PolicyName } from '../policy.js';
import type {
  ProviderCheckpoint,
  ProviderDecision,
  ProviderErrorCode,
  ProviderName,
  ProviderOutcome,
} from '../providers/types.js';

export type { CheckStatus } from '../../shared/providers.js';

export interface SessionRecord {
  id: string;
  reference: string | null;
  /** Origins the capture token is bound to (empty: any). */
  allowedOrigins: string[];
  /** Sandbox edge cases to play, per provider; only ever set for sandboxed providers. */
  sandboxScenario: Partial<Record<ProviderName, string>>;
  /** Epoch milliseconds. */
  createdAt: number;
  tokenExpiresAt: number;
}

/** One provider's part of a result, in the shape GET /sessions/:id/result returns. */
export interface ProviderResultRecord {
  provider: ProviderName;
  sandbox: boolean;
  status: ProviderResultStatus;
  decision: ProviderDecision | null;
  score: number | null;
  raw: ProviderOutcome['raw'] | null;
  threshold: number | null;
  ids: Record<string, string>;
  /** For errors, measured by the backend; `attempts` is then unknown (null). */
  timings: { startedAt: string; finishedAt: string; durationMs: number; attempts: number | null };
  reason: string | null;
  error?: { code: ProviderErrorCode; message: string };
}

/** What the backend knows about an accepted upload (the bytes live in MediaBlobs). */
export interface CheckMediaInfo {
  kind: MediaKind;
  contentType: string;
  fileName: string;
  bytes: number;
  tags: string[];
  selfieSize: { width: number; height: number };
  /** Where selfieJpeg came from, e.g. `image`, `shotset-sharpest:frame-02.jpg`, `selfie-part`. */
  selfieSource: string;
  frameCount: number;
}

export interface CheckRecord {
  id: string;
  sessionId: string;
  status: CheckStatus;
  /** The policy in force when the check was accepted; a resumed check keeps it. */
  policy: PolicyName;
  media: CheckMediaInfo;
  report: CaptureReport;
  providers: ProviderResultRecord[];
  checkpoints: Partial<Record<ProviderName, ProviderCheckpoint>>;
  verdict: { decision: Decision; reason: string } | null;
  createdAt: number;
  completedAt: number | null;
  /** When the raw media may be deleted (set once the result is final); null while processing. */
  mediaExpiresAt: number | null;
  mediaDeleted: boolean;
}

/** A consumed capture token: kept until the token expires, so it cannot be used twice. */
export interface TokenUse {
  tokenId: string;
  sessionId: string;
  checkId: string;
  expiresAt: number;
  idempotencyKey: string | null;
}

export interface MediaBlobs {
  media: Uint8Array;
  selfieJpeg: Uint8Array;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One outbound `check.completed` event for the integrator's webhook, and how its delivery is going. */
export interface WebhookDeliveryRecord {
  /** The same on every attempt, so the receiver can deduplicate retries. */
  eventId: string;
  type: 'check.completed';
  checkId: string;
  sessionId: string;
  /** When the verdict (and with it the event) was stored. */
  createdAt: number;
  status: WebhookDeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due; null once delivered or given up. */
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  /** Why the last attempt failed: `HTTP 503`, a network error, … */
  lastError: string | null;
  deliveredAt: number | null;
}

/** The outcome of one delivery attempt. */
export interface WebhookAttempt {
  attemptedAt: number;
  status: WebhookDeliveryStatus;
  nextAttemptAt: number | null;
  error: string | null;
}

export interface PruneOptions {
  /**
   * Sessions whose last activity (token expiry, or the verdict when later) is older than this are deleted with
   * everything they own. Sessions with a check still processing are kept. Undefined: sessions are not swept.
   */
  sessionRetentionSeconds?: number;
}

export interface PruneResult {
  tokenUses: number;
  media: number;
  sessions: number;
}

export type AcceptCheckResult = { accepted: true } | { accepted: false; existing: TokenUse };

export interface CheckCompletion {
  status: 'done' | 'failed';
  verdict: { decision: Decision; reason: string };
  completedAt: number;
  mediaExpiresAt: number;
  /**
   * Records the check's webhook event in the same write as the verdict, so a crash cannot keep one without the
   * other. Ignored when the check already has an event (one event per check).
   */
  webhookEvent?: { eventId: string; createdAt: number };
}

export interface Store {
  createSession(session: SessionRecord): Promise<void>;
  getSession(sessionId: string): Promise<SessionRecord | null>;
  /** Removes the session with its checks, media, results and token uses. false when there was no such session. */
  deleteSession(sessionId: string): Promise<boolean>;

  getTokenUse(tokenId: string): Promise<TokenUse | null>;
  /**
   * Consumes the token and stores the check with its media, atomically: if the token was already used nothing is
   * written and the earlier use is returned (the caller decides whether it is an idempotent retry).
   */
  acceptCheck(check: CheckRecord, blobs: MediaBlobs, use: TokenUse): Promise<AcceptCheckResult>;

  getCheck(checkId: string): Promise<CheckRecord | null>;
  findCheckForSession(sessionId: string): Promise<CheckRecord | null>;
  listProcessingChecks(): Promise<CheckRecord[]>;
  getMedia(checkId: string): Promise<MediaBlobs | null>;

  saveCheckpoint(checkId: string, provider: ProviderName, checkpoint: ProviderCheckpoint): Promise<void>;
  recordProviderResult(checkId: string, result: ProviderResultRecord): Promise<void>;
  /** Records the verdict; when `mediaExpiresAt` is not after `completedAt`, deletes the media in the same step. */
  completeCheck(checkId: string, completion: CheckCompletion): Promise<void>;

  getWebhookDelivery(eventId: string): Promise<WebhookDeliveryRecord | null>;
  /** Every delivery not yet delivered or given up, oldest first. */
  listPendingWebhookDeliveries(): Promise<WebhookDeliveryRecord[]>;
  /** Every delivery of a session's checks (delivered and failed ones included). */
  listWebhookDeliveries(sessionId: string): Promise<WebhookDeliveryRecord[]>;
  /** Records an attempt; a no-op when the delivery is gone (its session was deleted). */
  recordWebhookAttempt(eventId: string, attempt: WebhookAttempt): Promise<void>;

  /** Forgets token uses that expired, deletes media past its retention and sessions past theirs. */
  prune(now: number, options?: PruneOptions): Promise<PruneResult>;

  /** For GET /health; a store without it is always ready. */
  readiness?(): Promise<StoreReadiness>;
  /** Present when several instances share this store. */
  readonly cluster?: ClusterCoordination;
  /** Handoff codes (the QR link to a phone); every store shipped here has them. */
  readonly handoffs?: HandoffStore;

  close(): Promise<void>;
}

/** What GET /health reports about the store. */
export interface StoreReadiness {
  kind: 'memory' | 'file' | 'postgres';
  ready: boolean;
  /** Why not ready (the database is unreachable, migrations are missing). */
  reason?: string;
}

/** Topics instances of one cluster tell each other about (PostgreSQL LISTEN/NOTIFY underneath). */
export type ClusterTopic = 'work-released' | 'provider-hint';

/**
 * What a store shared by several backend instances adds: leases on work, shared rate limits and a wake-up
 * channel. The embedded stores have none of it (one process owns all the work there).
 */
export interface ClusterCoordination {
  /** This instance's id, as recorded on the leases it holds. */
  readonly instanceId: string;
  /** A lease not renewed for this long may be taken over by another instance. */
  readonly leaseMs: number;
  /**
   * Leases up to `limit` processing checks that no instance holds (or whose lease ran out) to this instance.
   * A check accepted by this instance is leased to it by acceptCheck already.
   */
  claimChecks(limit: number): Promise<string[]>;
  /** Extends this instance's leases on these checks; resolves with the ids it still holds. */
  renewChecks(checkIds: readonly string[]): Promise<string[]>;
  /** Gives up leases (all of this instance's when `checkIds` is omitted) and tells the other instances. */
  releaseChecks(checkIds?: readonly string[]): Promise<void>;
  /**
   * Leases one pending webhook delivery to this instance for `leaseMs`; false when another instance holds it. The
   * lease must outlast one attempt, so no two instances deliver an event at once.
   */
  claimWebhook(eventId: string, leaseMs: number): Promise<boolean>;
  releaseWebhooks(): Promise<void>;
  /** Takes one token from the cluster-wide bucket: 0 when taken, else the seconds until one is available. */
  takeRateToken(scope: string, key: string, perMinute: number): Promise<number>;
  publish(topic: ClusterTopic, payload: string): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(topic: ClusterTopic, listener: (payload: string) => void): () => void;
}
