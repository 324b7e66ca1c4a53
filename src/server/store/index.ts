export type {
  AcceptCheckResult,
  CheckCompletion,
  CheckMediaInfo,
  CheckRecord,
  CheckStatus,
  MediaBlobs,
  ProviderResultRecord,
  SessionRecord,
  Store,
  TokenUse,
} from './types.js';
export { createMemoryStore, type MemoryStore } from './memory.js';
export { createFileStore, StoreCorruptError } from './file.js';
