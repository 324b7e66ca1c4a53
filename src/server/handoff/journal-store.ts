/**
 * Handoff codes for the embedded stores: a map in memory, and for the file store a journal of its own
 * (`handoffs.jsonl` beside the main journal, each line fsync'd before it counts), so this small feature keeps out
 * of the main event log. Operations run one at a time, which is what makes a code single use.
 */
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { HANDOFF_KEEP_MS, redeemVerdict, type HandoffRecord, type HandoffStore } from './types.js';

const JOURNAL = 'handoffs.jsonl';

export interface ClosableHandoffStore extends HandoffStore {
  close(): Promise<void>;
}

export function createMemoryHandoffStore(): ClosableHandoffStore {
  return journalStore(new Map(), null);
}

/** Replays `dir/handoffs.jsonl` (a torn last line is dropped), then rewrites it with the live codes only. */
export async function createFileHandoffStore(dir: string, now: number = Date.now()): Promise<ClosableHandoffStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, JOURNAL);
  const records = new Map<string, HandoffRecord>();
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const record = JSON.parse(line) as HandoffRecord;
      records.set(record.codeHash, record);
    } catch {
      // Only a crash mid-append leaves a bad line; that write was never acknowledged.
    }
  }
  for (const [hash, record] of records) if (record.expiresAt + HANDOFF_KEEP_MS <= now) records.delete(hash);
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  await handle.writeFile([...records.values()].map((record) => `${JSON.stringify(record)}\n`).join(''));
  await handle.sync();
  await handle.close();
  await rename(temporary, path);
  return journalStore(records, path);
}

function journalStore(records: Map<string, HandoffRecord>, path: string | null): ClosableHandoffStore {
  let journal: FileHandle | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const persist = async (record: HandoffRecord): Promise<void> => {
    if (path === null) return;
    journal ??= await open(path, 'a', 0o600);
    await journal.appendFile(`${JSON.stringify(record)}\n`);
    await journal.datasync();
  };
  return {
    createHandoff: (record) =>
      serially(async () => {
        await persist(record);
        records.set(record.codeHash, { ...record });
      }),
    redeemHandoff: (codeHash, now, origin) =>
      serially(async () => {
        const verdict = redeemVerdict(records.get(codeHash), now, origin);
        if (verdict.redeemed) {
          // Durable before the phone gets its token: after a crash the code must still read as used.
          await persist(verdict.record);
          records.set(codeHash, verdict.record);
        }
        return verdict;
      }),
    latestHandoff: (sessionId) =>
      serially(async () => {
        let latest: HandoffRecord | null = null;
        for (const record of records.values()) {
          if (record.sessionId === sessionId && (!latest || record.createdAt >= latest.createdAt)) latest = record;
        }
        return latest ? { ...latest } : null;
      }),
    pruneHandoffs: (now) =>
      serially(async () => {
        let pruned = 0;
        // The journal keeps them until the next start's rewrite; replay drops them again there.
        for (const [hash, record] of records) {
          if (record.expiresAt + HANDOFF_KEEP_MS <= now) {
            records.delete(hash);
            pruned += 1;
          }
        }
        return pruned;
      }),
    close: () =>
      serially(async () => {
        await journal?.close();
        journal = null;
      }),
  };
}
