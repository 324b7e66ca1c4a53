/**
 * Kairos IDV liveness-verification contract (shared providers doc §2) and the adapter's configuration.
 */
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
  fetch?: typeof fetch;
  /** Receives ids, statuses and timings only: never media, credentials or response bodies. */
  logger?: (event: string, fields: Record<string, unknown>) => void;
}

/** The API versions whose contracts differ (minimum selfie size). */
export type KairosApiVersion = 'v0.1' | 'v0.2';

const facePoint = z.object({ x: z.number(), y: z.number() });

/** One detected face: `delta` is the box width/height in pixels (inferred from the doc sample). */
const predictedFace = z.object({
  confidence: z.number(),
  top_left: facePoint,
  delta: facePoint,
});

/**
 * The HTTP 200 body (§2.2). Only what the decision needs is strict; `response_code` is undocumented, so it is
 * accepted as any number or string and kept for audit only.
 */
export const kairosLivenessResponseSchema = z.object({
  api_req_uid: z.string().min(1),
  requested_at: z.string().optional(),
  processed_at: z.string().optional(),
  response_code: z.union([z.number(), z.string()]).optional(),
  response_data: z.object({
    faces_liveness: z.number().min(0).max(1),
    faces_predicted: z.array(predictedFace),
    img: z.object({ width: z.number(), height: z.number() }).optional(),
  }),
});

export type KairosLivenessResponse = z.infer<typeof kairosLivenessResponseSchema>;
export type KairosPredictedFace = z.infer<typeof predictedFace>;
