export type {
  AcceptCheckResult,
  CheckCompletion,
  CheckMediaInfo,
  CheckRecord,
  CheckStatus,
  MediaBlobs,
  PruneOptions,
  PruneResult,
  ProviderResultRecord,
  SessionRecord,
  Store,
  TokenUse,
  WebhookAttempt,
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
} from './types.js';
export { createMemoryStore, type MemoryStore } from './memory.js';
export { createFileStore, StoreCorruptError } from './file.js';
