/** A store that keeps everything in memory: for tests and throwaway runs. */
import { createMemoryHandoffStore } from '../handoff/journal-store.js';
import { createEventStore, type StorePersistence } from './event-store.js';
import type { MediaBlobs, Store } from './types.js';

export interface MemoryStore extends Store {
  /** How many media blob sets are held (tests use it to prove a refused upload stored nothing). */
  mediaCount(): number;
}

export async function createMemoryStore(): Promise<MemoryStore> {
  const media = new Map<string, MediaBlobs>();
  const persistence: StorePersistence = {
    load: async () => [],
    append: async () => undefined,
    compact: async () => undefined,
    writeMedia: async (checkId, blobs) => {
      media.set(checkId, { media: blobs.media.slice(), selfieJpeg: blobs.selfieJpeg.slice() });
    },
    readMedia: async (checkId) => {
      const blobs = media.get(checkId);
      return blobs ? { media: blobs.media.slice(), selfieJpeg: blobs.selfieJpeg.slice() } : null;
    },
    deleteMedia: async (checkId) => {
      media.delete(checkId);
    },
    close: async () => undefined,
  };
  const store = await createEventStore(persistence, 'memory');
  return Object.assign(store, { mediaCount: () => media.size, handoffs: createMemoryHandoffStore() });
}
