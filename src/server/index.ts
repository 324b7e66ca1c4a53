/**
 * The server's public API.
 * @module
 */
export { createLivenessBackend, type LivenessBackend, type LivenessBackendOptions } from './app.js';
export { startLivenessBackend, type RunningLivenessBackend, type StartLivenessBackendOptions } from './node.js';
export { sandboxedProviders, startSandbox, type RunningSandbox } from './sandbox-start.js';
export {
  loadConfig,
  ConfigError,
  isSandboxed,
  type BackendConfig,
  type KairosSettings,
  type OzSettings,
} from './config.js';
export { ERROR_CODES, ERROR_STATUS, HttpError, httpError, type ErrorBody, type ErrorCode } from './errors.js';
export { createJsonLogger, silentLogger, type Logger, type LogFields } from './log.js';
export { CheckProcessor, type CheckProcessorOptions } from './processor.js';
export {
  decide,
  POLICY_NAMES,
  UNAVAILABLE_CODES,
  type Decision,
  type PolicyName,
  type ProviderAttempt,
  type Verdict,
} from './policy.js';
export { createProviderAdapters, type SandboxEndpoints } from './providers/registry.js';
export type { SessionResult, CheckStatusView, SessionStatus } from './results.js';
export { evaluateSignals, signalVerdict, type SessionSignals, type SignalPolicy } from './signals.js';
export {
  matchVirtualCamera,
  SIGNAL_REASONS,
  VIRTUAL_CAMERAS,
  type CaptureSignals,
  type SignalReason,
} from '../shared/signals.js';
export { createFileStore, createMemoryStore, StoreCorruptError } from './store/index.js';
export { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from './store/postgres.js';
export { StoreUnavailableError } from './store/errors.js';
export type * from './store/types.js';
export type { MemoryStore } from './store/memory.js';
export type {
  CheckMedia,
  ProviderAdapter,
  ProviderCheckpoint,
  ProviderContext,
  ProviderName,
  ProviderOutcome,
} from './providers/types.js';
export { ProviderError } from './providers/types.js';
export { UPLOAD_LIMITS } from './upload/limits.js';
export { createUploadValidator, type UploadValidator } from './upload/validator.js';
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  WEBHOOK_HEADERS,
  signWebhook,
  verifyWebhookSignature,
  type VerifyWebhookOptions,
  type WebhookVerification,
} from './webhook-signature.js';
export { WebhookDispatcher, type WebhookEvent, type WebhookTuning } from './webhooks/dispatcher.js';
