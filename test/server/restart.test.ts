/**
 * Crash and restart: the backend runs in a child process on a file store and is killed with SIGKILL (no close, no
 * flush) in the middle of its work; a new process on the same data dir must finish that work without losing or
 * repeating anything. The provider emulators and the webhook receiver live in this test process, so their state
 * (the Oz folder, analysis reads, Kairos calls, deliveries) outlives both backends and tells what really happened.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionResult } from '../../src/server/results.js';
import { startKairosEmulator, type RunningKairosEmulator } from '../../src/sandbox/kairos-emulator.js';
import { startOzEmulator, type RunningOzEmulator } from '../../src/sandbox/oz-emulator.js';
import type { StoreEvent } from '../../src/server/store/state.js';
import { verifyWebhookSignature } from '../../src/server/webhook-signature.js';
import { jpeg, report } from './support/backend.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/receiver.js';

const CHILD = fileURLToPath(new URL('./support/backend-child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const API_KEY = 'restart-test-api-key-0123456789';
const WEBHOOK_SECRET = 'restart-test-webhook-secret-0123456789';
/**
 * Oz analyses run this long on the emulator's clock, which the test moves by hand: the analysis stays PROCESSING
 * until the test lets it finish after the restart.
 */
const OZ_ANALYSIS_MS = 600_000;
let ozClock = Date.now();

let oz: RunningOzEmulator;
let kairos: RunningKairosEmulator;
let receiver: WebhookReceiver;
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'liveness-restart-'));
  ozClock = Date.now();
  oz = await startOzEmulator({ analysisMs: OZ_ANALYSIS_MS, now: () => ozClock });
  kairos = await startKairosEmulator();
  receiver.deliveries.length = 0;
  receiver.script([]);
});
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) await kill(child, 'SIGKILL');
  await oz.close();
  await kairos.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface RunningChild {
  child: ChildProcess;
  url: string;
  logs: () => Array<Record<string, unknown>>;
}

/** Starts the backend in its own process, pointed at the emulators of this test process as if they were Oz and Kairos. */
async function startBackendProcess(options: { webhookRetryMs?: number } = {}): Promise<RunningChild> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(LIVENESS_|OZ_|KAIROS_|PORT$|HOST$)/.test(name)),
  );
  const child = fork(CHILD, [JSON.stringify(options)], {
    execArgv: ['--import', TSX],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {
      ...inherited,
      LIVENESS_DATA_DIR: dataDir,
      LIVENESS_API_KEY: API_KEY,
      LIVENESS_PROVIDERS: 'oz,kairos',
      LIVENESS_POLICY: 'all',
      OZ_API_URL: oz.url,
      OZ_LOGIN: oz.credentials.login,
      OZ_PASSWORD: oz.credentials.password,
      OZ_POLL_INTERVAL_MS: '20',
      KAIROS_API_URL: `${kairos.url}/v0.2`,
      KAIROS_APP_ID: kairos.credentials.appId,
      KAIROS_APP_KEY: kairos.credentials.appKey,
      LIVENESS_WEBHOOK_URL: receiver.url,
      LIVENESS_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code, signal) =>
      reject(new Error(`backend process exited (${code ?? signal}) before listening:\n${stderr}`)),
    );
  });
  const logs = () =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, url, logs };
}

function kill(
  child: ChildProcess,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }));
    child.kill(signal);
  });
}

/** The store's journal as the crashed process left it on disk. */
async function journal(): Promise<StoreEvent[]> {
  const text = await readFile(join(dataDir, 'journal.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoreEvent);
}

async function waitForJournal(condition: (events: StoreEvent[]) => boolean, what: string): Promise<StoreEvent[]> {
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    const events = await journal();
    if (condition(events)) return events;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the journal never showed ${what}`);
}

const api = (url: string, path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${API_KEY}`, ...init.headers } });

async function uploadCheck(url: string) {
  const created = await api(url, '/sessions', { method: 'POST', body: JSON.stringify({ reference: 'crash-test' }) });
  expect(created.status).toBe(201);
  const { sessionId, captureToken } = (await created.json()) as { sessionId: string; captureToken: string };
  const sent = report();
  const form = new FormData();
  form.set('media', new Blob([jpeg(320, 420)], { type: 'image/jpeg' }), 'capture.jpg');
  form.set('report', JSON.stringify(sent));
  const uploaded = await fetch(`${url}/checks`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${captureToken}` },
  });
  expect(uploaded.status).toBe(202);
  const { checkId } = (await uploaded.json()) as { checkId: string };
  return { sessionId, checkId, sent };
}

async function finalResult(url: string, sessionId: string): Promise<SessionResult> {
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    const result = (await (await api(url, `/sessions/${sessionId}/result`)).json()) as SessionResult;
    if (result.status === 'done' || result.status === 'failed') return result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the check never completed');
}

const ozReads = () => oz.state.calls('GET /api/analyses/:id');

describe('a backend killed with SIGKILL', () => {
  it('resumes a check mid-analysis from its saved Oz checkpoint, uploading nothing twice', async () => {
    const first = await startBackendProcess();
    const { sessionId, checkId, sent } = await uploadCheck(first.url);

    // Kill as soon as the Oz analysis id is durable and Kairos has answered: Oz is still PROCESSING.
    const beforeKill = await waitForJournal(
      (events) =>
        events.some(
          (event) => event.type === 'checkpoint-saved' && event.checkId === checkId && event.checkpoint['analysisId'],
        ) && events.some((event) => event.type === 'provider-result' && event.result.provider === 'kairos'),
      'the Oz checkpoint and the Kairos answer',
    );
    expect(await kill(first.child, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const readsBeforeKill = ozReads();
    expect(beforeKill.some((event) => event.type === 'check-completed')).toBe(false);
    const checkpoint = beforeKill.findLast((event) => event.type === 'checkpoint-saved')!;
    const kairosBefore = beforeKill.find((event) => event.type === 'provider-result')!;
    expect(kairos.state.calls).toHaveLength(1);
    expect(receiver.deliveries).toHaveLength(0);

    const second = await startBackendProcess();
    ozClock += OZ_ANALYSIS_MS;
    const result = await finalResult(second.url, sessionId);

    expect(result).toMatchObject({
      sessionId,
      reference: 'crash-test',
      status: 'done',
      decision: 'live',
      reason: 'all: live from oz, kairos',
    });
    expect(result.check).toMatchObject({
      checkId,
      mediaKind: 'image',
      contentType: 'image/jpeg',
      report: sent,
      mediaRetained: false,
    });
    // Oz: the same folder, media and analysis the first process started, read on until final.
    if (checkpoint.type !== 'checkpoint-saved' || kairosBefore.type !== 'provider-result')
      throw new Error('unexpected events');
    const ozResult = result.providers.find((provider) => provider.provider === 'oz')!;
    expect(ozResult).toMatchObject({ status: 'done', decision: 'live', sandbox: false, ids: checkpoint.checkpoint });
    expect(oz.state.folderCount).toBe(1);
    expect(oz.state.calls('POST /api/folders')).toBe(1);
    expect(oz.state.calls('POST /api/folders/:id/analyses')).toBe(1);
    expect(ozReads()).toBeGreaterThan(readsBeforeKill);
    // Kairos: asked once, its answer kept as it was before the crash.
    expect(kairos.state.calls).toHaveLength(1);
    expect(result.providers.find((provider) => provider.provider === 'kairos')).toEqual(kairosBefore.result);

    const logs = second.logs();
    expect(logs).toContainEqual(expect.objectContaining({ event: 'backend-started', resumed: 1 }));
    expect(logs).toContainEqual(expect.objectContaining({ event: 'check-resumed', checkId, answered: 1 }));
    expect(logs).toContainEqual(
      expect.objectContaining({ event: 'oz.check.resumed', checkId, analysisId: checkpoint.checkpoint['analysisId'] }),
    );

    // The integrator hears about it once, from the second process, with a valid signature and the same result.
    const [delivery] = await receiver.waitFor(1);
    const headers = delivery!.headers;
    expect(
      verifyWebhookSignature(
        WEBHOOK_SECRET,
        String(headers['liveness-signature']),
        String(headers['liveness-timestamp']),
        delivery!.rawBody,
      ),
    ).toMatchObject({
      valid: true,
    });
    expect(JSON.parse(delivery!.rawBody)).toMatchObject({ type: 'check.completed', data: result });
    expect(await kill(second.child, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('delivers a webhook left pending by the crash, with the same event id', async () => {
    // A quick Oz, and a receiver that fails the first delivery.
    await oz.close();
    oz = await startOzEmulator({ analysisMs: 0 });
    receiver.script([503], 200);
    const first = await startBackendProcess({ webhookRetryMs: 300 });
    const { sessionId } = await uploadCheck(first.url);
    const failed = await waitForJournal(
      (events) => events.some((event) => event.type === 'webhook-attempted' && event.status === 'pending'),
      'a failed webhook attempt',
    );
    expect(await kill(first.child, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const attempt = failed.find((event) => event.type === 'webhook-attempted');
    if (attempt?.type !== 'webhook-attempted') throw new Error('unexpected event');
    expect(attempt).toMatchObject({ error: 'HTTP 503', nextAttemptAt: expect.any(Number) });

    const second = await startBackendProcess({ webhookRetryMs: 300 });
    const deliveries = await receiver.waitFor(2);
    expect(deliveries.map((delivery) => delivery.headers['liveness-event-id'])).toEqual([
      attempt.eventId,
      attempt.eventId,
    ]);
    expect(deliveries.map((delivery) => delivery.headers['liveness-attempt'])).toEqual(['1', '2']);
    expect(JSON.parse(deliveries[1]!.rawBody)).toMatchObject({
      id: attempt.eventId,
      data: { sessionId, status: 'done' },
    });
    await waitForJournal(
      (events) => events.some((event) => event.type === 'webhook-attempted' && event.status === 'delivered'),
      'the delivery recorded',
    );
    expect(await kill(second.child, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(oz.state.folderCount).toBe(1);
  });
});
