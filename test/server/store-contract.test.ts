/**
 * What every durable store must do, run against each of them: the embedded file store and PostgreSQL (a real
 * server, see support/postgres.ts). "Re-open" is a new store object on the same directory or database, as after a
 * restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/server/store/file.js';
import { createPostgresStore } from '../../src/server/store/postgres.js';
import type { Store } from '../../src/server/store/types.js';
import { skipPostgres, startTestPostgres, type TestPostgres } from './support/postgres.js';
import { blobs, check, liveVerdict, session, use } from './support/store-fixtures.js';

interface Flavour {
  name: string;
  skip: string | false;
  /** Before each test: a new empty place for the store. */
  prepare(): Promise<void>;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
  beforeAll?(): Promise<void>;
  afterAll?(): Promise<void>;
}

let dir = '';
const fileFlavour: Flavour = {
  name: 'file store',
  skip: false,
  prepare: async () => {
    dir = await mkdtemp(join(tmpdir(), 'liveness-contract-'));
  },
  open: () => createFileStore(dir),
  cleanup: () => rm(dir, { recursive: true, force: true }),
};

let postgres: TestPostgres | null = null;
let databaseUrl = '';
const postgresFlavour: Flavour = {
  name: 'PostgreSQL store',
  skip: skipPostgres,
  beforeAll: async () => {
    postgres = await startTestPostgres();
  },
  afterAll: async () => {
    await postgres?.stop();
  },
  prepare: async () => {
    databaseUrl = await postgres!.freshDatabase();
  },
  open: () => createPostgresStore({ url: databaseUrl, poolSize: 4 }),
  cleanup: async () => undefined,
};

describe.each([fileFlavour, postgresFlavour])('$name', (flavour) => {
  const opened: Store[] = [];
  const openStore = async (): Promise<Store> => {
    const store = await flavour.open();
    opened.push(store);
    return store;
  };
  const reopen = async (store: Store): Promise<Store> => {
    await store.close();
    opened.splice(opened.indexOf(store), 1);
    return openStore();
  };
  const storeWithCheck = async (): Promise<Store> => {
    const store = await openStore();
    await store.createSession(session);
    await store.acceptCheck(check(), blobs, use());
    return store;
  };

  describe.skipIf(flavour.skip)('store contract', () => {
    beforeAll(async () => flavour.beforeAll?.(), 120_000);
    afterAll(async () => flavour.afterAll?.(), 60_000);
    beforeEach(() => flavour.prepare());
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close().catch(() => undefined);
      await flavour.cleanup();
    });

    it('survives a re-open with sessions, checks, media, checkpoints, results and token uses', async () => {
      const first = await openStore();
      await first.createSession(session);
      expect(await first.acceptCheck(check(), blobs, use())).toEqual({ accepted: true });
      await first.saveCheckpoint('check-1', 'oz', { folderId: 'f-1' });
      await first.recordProviderResult('check-1', {
        provider: 'kairos',
        sandbox: true,
        status: 'done',
        decision: 'live',
        score: 0.9,
        raw: { name: 'faces_liveness', value: 0.9 },
        threshold: 0.6,
        ids: { api_req_uid: 'u-1' },
        timings: { startedAt: 'a', finishedAt: 'b', durationMs: 3, attempts: 1 },
        reason: 'ok',
      });
      const second = await reopen(first);
      expect(await second.getSession('session-1')).toEqual(session);
      expect(await second.getCheck('check-1')).toEqual({
        ...check(),
        checkpoints: { oz: { folderId: 'f-1' } },
        providers: [expect.objectContaining({ provider: 'kairos', score: 0.9 })],
      });
      expect(await second.findCheckForSession('session-1')).toMatchObject({ id: 'check-1' });
      expect(await second.getMedia('check-1')).toEqual(blobs);
      expect(await second.getTokenUse('token-1')).toEqual(use());
      expect((await second.listProcessingChecks()).map((item) => item.id)).toEqual(['check-1']);
      expect(await second.acceptCheck(check('check-2'), blobs, use('check-2'))).toEqual({
        accepted: false,
        existing: use(),
      });
      expect(await second.getCheck('check-2')).toBeNull();
    });

    it('replaces a provider result and merges checkpoints per provider', async () => {
      const store = await storeWithCheck();
      await store.saveCheckpoint('check-1', 'oz', { folderId: 'f-1' });
      await store.saveCheckpoint('check-1', 'oz', { folderId: 'f-1', analysisId: 'a-1' });
      await store.saveCheckpoint('check-1', 'kairos', { step: '1' });
      const base = {
        sandbox: true,
        raw: null,
        threshold: null,
        ids: {},
        reason: null,
        timings: { startedAt: 'a', finishedAt: 'b', durationMs: 1, attempts: 1 },
      };
      await store.recordProviderResult('check-1', {
        ...base,
        provider: 'oz',
        status: 'error',
        decision: null,
        score: null,
      });
      await store.recordProviderResult('check-1', {
        ...base,
        provider: 'oz',
        status: 'done',
        decision: 'live',
        score: 0.8,
      });
      const restored = await (await reopen(store)).getCheck('check-1');
      expect(restored?.checkpoints).toEqual({ oz: { folderId: 'f-1', analysisId: 'a-1' }, kairos: { step: '1' } });
      expect(restored?.providers).toEqual([expect.objectContaining({ provider: 'oz', status: 'done', score: 0.8 })]);
    });

    it('accepts exactly one of two uploads racing with one token', async () => {
      const store = await openStore();
      await store.createSession(session);
      const results = await Promise.all([
        store.acceptCheck(check('check-a'), blobs, use('check-a')),
        store.acceptCheck(check('check-b'), blobs, use('check-b')),
      ]);
      expect(results.filter((result) => result.accepted)).toHaveLength(1);
      const winner = (await store.getTokenUse('token-1'))!.checkId;
      expect(results.find((result) => !result.accepted)).toEqual({ accepted: false, existing: use(winner) });
      expect((await store.listProcessingChecks()).map((item) => item.id)).toEqual([winner]);
    });

    it('refuses a check for a session that does not exist, storing nothing', async () => {
      const store = await openStore();
      await expect(store.acceptCheck(check(), blobs, use())).rejects.toThrow(/session session-1 does not exist/);
      expect(await store.getTokenUse('token-1')).toBeNull();
      expect(await store.getCheck('check-1')).toBeNull();
    });

    it('deletes the media with a verdict of zero retention, and keeps both across a re-open', async () => {
      const first = await storeWithCheck();
      await first.completeCheck('check-1', liveVerdict(5_000));
      expect(await first.getCheck('check-1')).toMatchObject({ status: 'done', mediaDeleted: true });
      expect(await first.getMedia('check-1')).toBeNull();
      const second = await reopen(first);
      expect(await second.getCheck('check-1')).toMatchObject({
        status: 'done',
        verdict: { decision: 'live' },
        completedAt: 5_000,
        mediaDeleted: true,
      });
      expect(await second.getMedia('check-1')).toBeNull();
      expect(await second.listProcessingChecks()).toEqual([]);
    });

    it('keeps the media of a verdict with a retention period until the sweep after it ends', async () => {
      const store = await storeWithCheck();
      await store.completeCheck('check-1', liveVerdict(65_000));
      expect(await store.getCheck('check-1')).toMatchObject({
        status: 'done',
        mediaDeleted: false,
        mediaExpiresAt: 65_000,
      });
      expect(await store.getMedia('check-1')).toEqual(blobs);
      expect(await store.prune(64_999)).toMatchObject({ media: 0 });
      expect(await store.getMedia('check-1')).toEqual(blobs);
      expect(await store.prune(65_000)).toMatchObject({ media: 1 });
      expect(await store.getMedia('check-1')).toBeNull();
      expect(await (await reopen(store)).getCheck('check-1')).toMatchObject({ mediaDeleted: true });
    });

    it('keeps webhook deliveries and their attempts across a re-open, one event per check', async () => {
      const first = await storeWithCheck();
      await first.completeCheck(
        'check-1',
        liveVerdict(5_000, { webhookEvent: { eventId: 'evt_1', createdAt: 5_000 } }),
      );
      await first.recordWebhookAttempt('evt_1', {
        attemptedAt: 6_000,
        status: 'pending',
        nextAttemptAt: 16_000,
        error: 'HTTP 503',
      });
      const second = await reopen(first);
      const pending = {
        eventId: 'evt_1',
        type: 'check.completed',
        checkId: 'check-1',
        sessionId: 'session-1',
        createdAt: 5_000,
        status: 'pending',
        attempts: 1,
        nextAttemptAt: 16_000,
        lastAttemptAt: 6_000,
        lastError: 'HTTP 503',
        deliveredAt: null,
      };
      expect(await second.listPendingWebhookDeliveries()).toEqual([pending]);
      await second.recordWebhookAttempt('evt_1', {
        attemptedAt: 17_000,
        status: 'delivered',
        nextAttemptAt: null,
        error: null,
      });
      expect(await second.listPendingWebhookDeliveries()).toEqual([]);
      expect(await second.getWebhookDelivery('evt_1')).toEqual({
        ...pending,
        status: 'delivered',
        attempts: 2,
        nextAttemptAt: null,
        lastAttemptAt: 17_000,
        lastError: null,
        deliveredAt: 17_000,
      });
      expect(await second.listWebhookDeliveries('session-1')).toHaveLength(1);
    });

    it('prunes token uses once their token expired', async () => {
      const store = await storeWithCheck();
      expect(await store.prune(300_999)).toMatchObject({ tokenUses: 0 });
      expect(await store.prune(301_000)).toMatchObject({ tokenUses: 1 });
      expect(await store.getTokenUse('token-1')).toBeNull();
    });

    it('counts a session from a verdict later than its token expiry', async () => {
      const store = await storeWithCheck();
      // Token expiry at 301 s (the fixtures), verdict at 400 s: retention of 10 s ends at 410 s.
      await store.completeCheck('check-1', { ...liveVerdict(400_000), completedAt: 400_000 });
      expect(await store.prune(409_999, { sessionRetentionSeconds: 10 })).toMatchObject({ sessions: 0 });
      expect(await store.getSession('session-1')).toEqual(session);
      expect(await store.prune(410_000, { sessionRetentionSeconds: 10 })).toMatchObject({ sessions: 1 });
      expect(await store.getSession('session-1')).toBeNull();
    });

    it('deletes a session with everything it owns, and sweeps sessions past retention but not busy ones', async () => {
      const store = await storeWithCheck();
      await store.createSession({ ...session, id: 'session-2' });
      await store.completeCheck(
        'check-1',
        liveVerdict(9_000_000, { webhookEvent: { eventId: 'evt_1', createdAt: 5_000 } }),
      );
      // session-1's last activity is its token expiry (301 s, later than the 5 s verdict); session-2 has no check.
      expect(await store.prune(300_000 + 1_000, { sessionRetentionSeconds: 1 })).toMatchObject({ sessions: 0 });
      expect(await store.prune(302_000, { sessionRetentionSeconds: 1 })).toMatchObject({ sessions: 2 });
      expect(await store.getSession('session-1')).toBeNull();
      expect(await store.getCheck('check-1')).toBeNull();
      expect(await store.getMedia('check-1')).toBeNull();
      expect(await store.getWebhookDelivery('evt_1')).toBeNull();

      await store.createSession({ ...session, id: 'session-3' });
      await store.acceptCheck({ ...check('check-3'), sessionId: 'session-3' }, blobs, {
        ...use('check-3', 'token-3'),
        sessionId: 'session-3',
      });
      expect(await store.prune(10_000_000, { sessionRetentionSeconds: 1 })).toMatchObject({ sessions: 0 });
      expect(await store.deleteSession('session-3')).toBe(true);
      expect(await store.deleteSession('session-3')).toBe(false);
      expect(await store.getTokenUse('token-3')).toBeNull();
      expect(await (await reopen(store)).listProcessingChecks()).toEqual([]);
    });
  });
});
