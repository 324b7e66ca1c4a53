/** What the route handlers share. Built once by createLivenessBackend. */
import type { Hono } from 'hono';
import type { BackendConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { CheckProcessor } from '../processor.js';
import type { ProviderAdapter } from '../providers/types.js';
import type { RateLimiter } from '../rate-limit.js';
import type { Store } from '../store/types.js';
import type { TokenService } from '../tokens.js';
import type { UploadValidator } from '../upload/validator.js';

export interface AppEnv {
  Variables: { requestId: string };
}

export type BackendApp = Hono<AppEnv>;

export interface RouteDeps {
  config: BackendConfig;
  adapters: readonly ProviderAdapter[];
  store: Store;
  tokens: TokenService;
  processor: CheckProcessor;
  clock: () => number;
  logger: Logger;
  /** Per capture session (keyed by session id), for the widget routes. */
  sessionLimiter: RateLimiter;
  /** Checks uploads off the main thread. */
  validator: UploadValidator;
}

/** Bodies of the JSON routes are small; only POST /checks carries media (LIVENESS_MAX_UPLOAD_BYTES). */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;
