/**
 * Kairos IDV liveness-verification contract (shared providers doc §2) and the adapter's configuration.
 */
import type { ProviderHttp } from '../http.js';
import { z } from 'zod';

export interface KairosConfig {
  /** Base URL including the version path, e.g. `http://127.0.0.1:1234/v0.2` or `https://idv-eu.kairos.com/v0.1`. */
  apiUrl: string;
  appId: string;
  appKey: string;
  /** 0..1; a selfie is live when `faces_liveness >= threshold`. */
  threshold: number;
  /** True when `apiUrl` points at the loopback emulator. */
  sandbox: boolean;
  /** Per request, default 15 000 ms. */
  timeoutMs?: number;
  /** Attempts for 5xx, network failures and per-request timeouts; default 3. Other failures are never retried. */
  maxAttempts?: number;
  /** Base of the exponential backoff with full jitter, default 500 ms. */
  backoffMs?: number;
  /** The HTTP client (default: undici's pooled request(), see ../http.ts). */
  http?: ProviderHttp;
  /** A fetch to send through instead (tests fake misbehaving providers with one); `http` wins when both are set. */
  fetch?: typeof fetch;
  /** Receives ids, statuses and timings only: never media, credentials or response bodies. */
  logger?: (event: string, fields: Record<string, unknown>) => void;
}

/** The API versions whose contracts differ (minimum selfie size). */
export type KairosApiVersion = 'v0.1' | 'v0.2';

/** One detected face. Only the count is used, so a face's fields (`confidence`, `top_left`, `delta`) are not required. */
const predictedFace = z.unknown();

/** An optional field that is kept only when it has the expected type; anything else reads as absent. */
const optionalString = z.string().min(1).optional().catch(undefined);

/**
 * The HTTP 200 body (§2.2). Only the v0.1 sample is public, so only what the decision needs is required: a numeric
 * `faces_liveness` and an array `faces_predicted`. The request id may be `api_req_uid` (the synchronous samples),
 * `api_req_uuid` (Kairos's async endpoints), or absent. `response_code` is undocumented and kept for audit only.
 * Unknown fields are ignored everywhere.
 */
export const kairosLivenessResponseSchema = z.looseObject({
  api_req_uid: optionalString,
  api_req_uuid: optionalString,
  response_code: z.union([z.number(), z.string()]).optional().catch(undefined),
  response_data: z.looseObject({
    faces_liveness: z.number().min(0).max(1),
    faces_predicted: z.array(predictedFace),
  }),
});

export type KairosLivenessResponse = z.infer<typeof kairosLivenessResponseSchema>;
