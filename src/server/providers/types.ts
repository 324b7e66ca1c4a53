/**
 * The contract every liveness provider adapter fulfils. Adapters do IO; the decision rules they use are pure
 * functions next to them so they test without a network.
 */
import type { MediaKind } from '../../shared/media.js';
import type { ProviderDecision, ProviderErrorCode, ProviderName, RawScoreName } from '../../shared/providers.js';

export type { ProviderDecision, ProviderErrorCode, ProviderName } from '../../shared/providers.js';

/** A validated upload, as the backend hands it to each provider. */
export interface CheckMedia {
  kind: MediaKind;
  /** Sniffed content type: image/jpeg, image/png, image/webp, application/zip, video/mp4, video/webm. */
  contentType: string;
  fileName: string;
  bytes: Uint8Array;
  /** Oz media tags from the capture report (already checked against the media kind). */
  tags: string[];
  /**
   * One JPEG still of the face: the image itself, the best entry of a shotset, or the best frame sent with a
   * video. Kairos takes only this.
   */
  selfieJpeg: Uint8Array;
  /** Pixel size of `selfieJpeg`. */
  selfieSize: { width: number; height: number };
  /** For shotsets: every JPEG entry, in order (Oz needs the whole set re-zipped only when it re-packages). */
  frames?: Uint8Array[];
}

/** Opaque per-provider progress saved by the backend, so work resumes after a restart (e.g. Oz folder/analysis ids). */
export type ProviderCheckpoint = Record<string, string>;

export interface ProviderContext {
  checkId: string;
  sessionId: string;
  signal: AbortSignal;
  /** Progress saved by an earlier attempt of this same check, if any. */
  checkpoint?: ProviderCheckpoint;
  /**
   * True when no earlier attempt of this check can have reached the provider: the upload was stored a moment ago
   * and this instance holds it. An adapter may then skip looking for work an earlier attempt left behind.
   */
  firstAttempt?: boolean;
  /** Persist progress before a long wait; resolved once durable. */
  saveCheckpoint(checkpoint: ProviderCheckpoint): Promise<void>;
  /**
   * Sandbox only: a named edge case for the emulator to play (sent as the `x-sandbox-scenario` header, which real
   * provider APIs ignore). Never set when the provider is real.
   */
  sandboxScenario?: string;
}

export interface ProviderOutcome {
  provider: ProviderName;
  decision: ProviderDecision;
  /** Normalised liveness score in 0..1, higher means more likely a live person (Oz: 1 - confidence_spoofing). */
  score: number | null;
  /** The provider's own number, under its own name, for audit. */
  raw: { name: RawScoreName; value: number | null };
  /** The threshold the decision used, on the `raw` scale. */
  threshold: number | null;
  /** Provider identifiers for support and audit: folder/media/analysis ids, api_req_uid, X-Request-ID. */
  ids: Record<string, string>;
  timings: { startedAt: string; finishedAt: string; durationMs: number; attempts: number };
  /** Short, human explanation of the decision (e.g. "resolution_status SUCCESS"). */
  reason: string;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly provider: ProviderName,
    readonly code: ProviderErrorCode,
    message: string,
    readonly details: { status?: number; providerCode?: number | string; retryable?: boolean } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ProviderAdapter {
  readonly name: ProviderName;
  /** True when the adapter talks to a loopback sandbox emulator rather than the real API. */
  readonly sandbox: boolean;
  verify(media: CheckMedia, ctx: ProviderContext): Promise<ProviderOutcome>;
  /**
   * Optional: the provider called `POST /webhooks/<name>` with this JSON body. Anyone can call that route, so an
   * adapter may only treat it as a hint (e.g. re-read an analysis now), never as a result.
   */
  receiveWebhook?(body: unknown): void | Promise<void>;
}
