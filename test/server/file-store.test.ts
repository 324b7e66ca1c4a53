/**
 * The embedded file store's own behaviour: the journal and media files, a torn last line, real corruption,
 * compaction, and the event store's group commit under it. What every store must do (survive a re-open,
 * retention, token uses) is in store-contract.test.ts.
 */
import { mkdtemp, readFile, readdir, appendFile, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLivenessBackend } from '../../src/server/app.js';
import { createEventStore, type StorePersistence } from '../../src/server/store/event-store.js';
import { createFileStore, StoreCorruptError } from '../../src/server/store/file.js';
import type { Store } from '../../src/server/store/types.js';
import { apiRequest, createSession, fakeAdapter, testConfig, uploadRequest } from './support/backend.js';
import { blobs, check, liveVerdict, session, use } from './support/store-fixtures.js';

let dir: string;
const open: Store[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'liveness-store-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function openStore(): Promise<Store> {
  const store = await createFileStore(dir);
  open.push(store);
  return store;
}

/** A store holding `session` and one accepted check with its media: where most tests start. */
async function storeWithCheck(): Promise<Store> {
  const store = await openStore();
  await store.createSession(session);
  await store.acceptCheck(check(), blobs, use());
  return store;
}

const journalLines = async (): Promise<string[]> =>
  (await readFile(join(dir, 'journal.jsonl'), 'utf8')).trim().split('\n');

describe('file store', () => {
  // The store-generic half of this (verdict and deletion survive a re-open) is in store-contract.test.ts.
  it('deletes the media files in the same journal write as a verdict with zero retention', async () => {
    const first = await storeWithCheck();
    await first.completeCheck('check-1', liveVerdict(5_000));
    expect(await readdir(join(dir, 'media'))).toEqual([]);
    const journal = (await journalLines()).map((line) => JSON.parse(line) as { type: string });
    expect(journal.map((event) => event.type)).toEqual([
      'snapshot',
      'session-created',
      'check-accepted',
      'check-completed',
    ]);
    await first.close();
    await openStore();
    expect(await readdir(join(dir, 'media'))).toEqual([]);
  });

  it('removes the media files once a retention period ends', async () => {
    const first = await storeWithCheck();
    await first.completeCheck('check-1', liveVerdict(65_000));
    expect(await readdir(join(dir, 'media'))).toEqual(['check-1']);
    await first.prune(65_000);
    expect(await readdir(join(dir, 'media'))).toEqual([]);
  });

  it('compacts the journal to one snapshot line on open', async () => {
    const first = await storeWithCheck();
    await first.saveCheckpoint('check-1', 'oz', { step: '1' });
    await first.saveCheckpoint('check-1', 'oz', { step: '2' });
    await first.close();
    expect((await journalLines()).length).toBeGreaterThan(1);

    const second = await openStore();
    const lines = await journalLines();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'snapshot' });
    expect((await second.getCheck('check-1'))?.checkpoints).toEqual({ oz: { step: '2' } });
  });

  it('drops a torn last line (a crash mid-append) but refuses a damaged line elsewhere', async () => {
    const first = await openStore();
    await first.createSession(session);
    await first.close();
    open.length = 0;
    await appendFile(join(dir, 'journal.jsonl'), '{"type":"session-created","sess');
    const second = await openStore();
    expect(await second.getSession('session-1')).toEqual(session);
    await second.close();
    open.length = 0;

    await writeFile(join(dir, 'journal.jsonl'), `not json\n${JSON.stringify({ type: 'session-created', session })}\n`);
    await expect(createFileStore(dir)).rejects.toBeInstanceOf(StoreCorruptError);
  });

  it("keeps a check's media in one file, and still reads the folder of two files earlier versions wrote", async () => {
    const first = await storeWithCheck();
    expect(await first.getMedia('check-1')).toEqual(blobs);
    expect((await readdir(join(dir, 'media'), { withFileTypes: true })).map((entry) => entry.isFile())).toEqual([true]);
    await first.close();
    open.length = 0;
    // What an earlier version left on disk for the same check.
    await rm(join(dir, 'media', 'check-1'));
    await mkdir(join(dir, 'media', 'check-1'));
    await writeFile(join(dir, 'media', 'check-1', 'media.bin'), blobs.media);
    await writeFile(join(dir, 'media', 'check-1', 'selfie.jpg'), blobs.selfieJpeg);
    const second = await openStore();
    expect(await second.getMedia('check-1')).toEqual(blobs);
  });

  it('removes media folders that no journaled check owns', async () => {
    await mkdir(join(dir, 'media', 'orphan-check'), { recursive: true });
    await writeFile(join(dir, 'media', 'orphan-check', 'media.bin'), 'x');
    await openStore();
    expect(await readdir(join(dir, 'media'))).toEqual([]);
  });

  it('reads snapshots written before webhooks existed', async () => {
    const oldSnapshot = { type: 'snapshot', sessions: [session], checks: [check()], uses: [use()] };
    await writeFile(join(dir, 'journal.jsonl'), `${JSON.stringify(oldSnapshot)}\n`);
    const store = await openStore();
    expect(await store.getSession('session-1')).toEqual(session);
    expect(await store.listPendingWebhookDeliveries()).toEqual([]);
  });
});
describe('restart with the file store', () => {
  it('resumes a check left processing by a previous process', async () => {
    const config = testConfig({ LIVENESS_DATA_DIR: dir });
    const firstStore = await createFileStore(dir);
    const first = createLivenessBackend({
      config,
      store: firstStore,
      adapters: [
        fakeAdapter('oz', async (_media, ctx) => {
          await ctx.saveCheckpoint({ analysisId: 'a-1' });
          return new Promise((_resolve, reject) =>
            ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          );
        }),
        fakeAdapter('kairos'),
      ],
    });
    const { captureToken, sessionId } = await createSession(first);
    const accepted = await first.fetch(uploadRequest(captureToken));
    const { checkId } = (await accepted.json()) as { checkId: string };
    for (let attempt = 0; attempt < 200 && !(await firstStore.getCheck(checkId))?.checkpoints.oz; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await first.close();
    await firstStore.close();

    const secondStore = await openStore();
    const oz = fakeAdapter('oz');
    const second = createLivenessBackend({ config, store: secondStore, adapters: [oz, fakeAdapter('kairos')] });
    expect(await second.processor.resumePending()).toEqual([checkId]);
    await second.processor.whenIdle();
    expect(oz.calls[0]!.ctx.checkpoint).toEqual({ analysisId: 'a-1' });
    const response = await second.fetch(apiRequest(`/sessions/${sessionId}/result`));
    expect(await response.json()).toMatchObject({ status: 'done', decision: 'live' });
    expect(await secondStore.getMedia(checkId)).toBeNull();
    await second.close();
  });
});

describe('group commit', () => {
  /** A persistence whose appends wait until released, recording each batch. */
  function gatedPersistence() {
    const batches: string[][] = [];
    const gates: Array<() => void> = [];
    let failNext = false;
    const media = new Set<string>();
    const persistence: StorePersistence = {
      load: async () => [],
      append: async (events) => {
        await new Promise<void>((resolve) => gates.push(resolve));
        if (failNext) throw new Error('disk full');
        batches.push(events.map((event) => event.type));
      },
      compact: async () => undefined,
      writeMedia: async (checkId) => {
        media.add(checkId);
      },
      readMedia: async () => null,
      deleteMedia: async (checkId) => {
        media.delete(checkId);
      },
      close: async () => undefined,
    };
    const release = async (): Promise<void> => {
      for (let turn = 0; turn < 20 && gates.length === 0; turn += 1)
        await new Promise((resolve) => setTimeout(resolve, 1));
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 1));
    };
    return { persistence, batches, media, release, failNextAppend: () => (failNext = true) };
  }

  it('writes the events that arrive during one sync together in the next, and shows none before it is durable', async () => {
    const gated = gatedPersistence();
    const store = await createEventStore(gated.persistence, 'memory');
    const first = store.createSession({ ...session, id: 'first' });
    const rest = Array.from({ length: 10 }, (_, index) => store.createSession({ ...session, id: `s${index}` }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Decided, not yet durable: invisible to readers.
    expect(await store.getSession('first')).toBeNull();
    await gated.release();
    await first;
    expect(await store.getSession('first')).not.toBeNull();
    expect(await store.getSession('s0')).toBeNull();
    await gated.release();
    await Promise.all(rest);
    expect(gated.batches).toEqual([['session-created'], Array.from({ length: 10 }, () => 'session-created')]);
    expect(await store.getSession('s9')).not.toBeNull();
  });

  it("gives a token to exactly one of two racing uploads and drops the loser's media", async () => {
    const gated = gatedPersistence();
    const store = await createEventStore(gated.persistence, 'memory');
    const created = store.createSession(session);
    await gated.release();
    await created;
    const racing = Promise.all([
      store.acceptCheck(check('check-a'), blobs, use('check-a')),
      store.acceptCheck(check('check-b'), blobs, use('check-b')),
    ]);
    await gated.release();
    const results = await racing;
    expect(results.map((result) => result.accepted).sort()).toEqual([false, true]);
    const winner = results[0].accepted ? 'check-a' : 'check-b';
    expect([...gated.media]).toEqual([winner]);
    expect(gated.batches.at(-1)).toEqual(['check-accepted']);
  });

  it('refuses every write after a journal write failed', async () => {
    const gated = gatedPersistence();
    const store = await createEventStore(gated.persistence, 'memory');
    gated.failNextAppend();
    const failing = expect(store.createSession(session)).rejects.toThrow(/could not write its journal/);
    await gated.release();
    await failing;
    expect(await store.getSession(session.id)).toBeNull();
    await expect(store.createSession({ ...session, id: 'later' })).rejects.toThrow(/could not write its journal/);
  });

  it('keeps every acknowledged write of a concurrent burst across a re-open', async () => {
    const store = await openStore();
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => store.createSession({ ...session, id: `burst-${index}` })),
    );
    await store.close();
    const reopened = await openStore();
    for (let index = 0; index < 40; index += 1) expect(await reopened.getSession(`burst-${index}`)).not.toBeNull();
  });
});
