/**
 * The Oz adapter end to end against the Oz emulator over real loopback HTTP.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOzAdapter, analysisIdsIn, type OzAdapter, type OzConfig } from '../../src/server/providers/oz/index.js';
import { ProviderError, type ProviderErrorCode } from '../../src/server/providers/types.js';
import { startOzEmulator, type OzEmulatorOptions, type RunningOzEmulator } from '../../src/sandbox/oz-emulator.js';
import {
  DOCUMENTED_SPOOF_CONFIDENCE_SPOOFING as SANDBOX_SPOOF_CONFIDENCE_SPOOFING,
  documentedConfidenceSpoofing as sandboxConfidenceSpoofing,
} from './support/sandbox-scores.js';
import sharp from 'sharp';
import { imageMedia, makeContext, makeMp4, manualClock, shotsetMedia, videoMedia } from './oz-support.js';

const FAST = { pollIntervalMs: 5, maxPollIntervalMs: 20, retryBaseDelayMs: 5, deadlineMs: 10_000 } as const;
/** A configuration whose server is never reached. */
const OFFLINE = {
  apiUrl: 'http://127.0.0.1:1',
  login: 'a',
  password: 'b',
  apiVersion: '5.2.0',
  sandbox: true,
} as const;

const running: RunningOzEmulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((emulator) => emulator.close()));
});

async function emulator(options: OzEmulatorOptions = {}): Promise<RunningOzEmulator> {
  const started = await startOzEmulator({ analysisMs: 20, ...options });
  running.push(started);
  return started;
}

function adapterFor(target: RunningOzEmulator, overrides: Partial<OzConfig> = {}): OzAdapter {
  return createOzAdapter({
    apiUrl: target.url,
    login: target.credentials.login,
    password: target.credentials.password,
    apiVersion: '5.2.0',
    sandbox: true,
    ...FAST,
    ...overrides,
  });
}

/** Reads a resource straight from the emulator, as support staff would, to check what the adapter really sent. */
async function readFromEmulator(target: RunningOzEmulator, path: string): Promise<Record<string, unknown>> {
  const login = await fetch(`${target.url}/api/authorize/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ credentials: { email: target.credentials.login, password: target.credentials.password } }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const response = await fetch(target.url + path, { headers: { 'X-Forensic-Access-Token': access_token } });
  return (await response.json()) as Record<string, unknown>;
}

async function expectProviderError(promise: Promise<unknown>, code: ProviderErrorCode): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a ProviderError ${code}, but the check succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).code).toBe(code);
  return error as ProviderError;
}

describe('Oz adapter happy paths', () => {
  it('verifies a photo on API 5.2 as a one-image shot set: live, score = 1 - confidence_spoofing, ids and checkpoints', async () => {
    const target = await emulator({ apiVersion: '5.2.0' });
    const media = imageMedia(11);
    const ctx = makeContext();
    const outcome = await adapterFor(target).verify(media, ctx);

    const analysis = await readFromEmulator(target, `/api/analyses/${outcome.ids.analysisId}`);
    const [entry] = analysis.results_media as Array<{
      source_shots_set_id: string;
      results_data: { confidence_spoofing: number };
    }>;
    expect(entry!.source_shots_set_id).toBe(outcome.ids.mediaId);
    const confidence = entry!.results_data.confidence_spoofing;
    // The documented sandbox range for a live capture: 0.01 + 0.19 u.
    expect(confidence).toBeGreaterThanOrEqual(0.01);
    expect(confidence).toBeLessThanOrEqual(0.2);
    expect(outcome).toMatchObject({
      provider: 'oz',
      decision: 'live',
      raw: { name: 'confidence_spoofing', value: confidence },
      threshold: null,
    });
    expect(outcome.score).toBeCloseTo(1 - confidence, 9);
    expect(Object.keys(outcome.ids).sort()).toEqual(['analysisId', 'folderId', 'mediaId']);
    expect(outcome.timings.attempts).toBeGreaterThanOrEqual(3);
    // One durable write per check: a crash between the upload and the analysis start is recovered by looking the
    // folder up (see the restart-recovery tests), so no checkpoint is written in between.
    expect(ctx.saved).toEqual([
      { folderId: outcome.ids.folderId, mediaId: outcome.ids.mediaId, analysisId: outcome.ids.analysisId },
    ]);

    const folder = await readFromEmulator(target, `/api/folders/${outcome.ids.folderId}`);
    expect(folder).toMatchObject({
      meta_data: { transaction_id: ctx.sessionId, check_id: ctx.checkId },
      media: [
        {
          media_id: outcome.ids.mediaId,
          media_type: 'SHOTS_SET_FOLDER',
          original_name: 'selfie.zip',
          tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'],
        },
      ],
    });
  });

  it('verifies a shot set on API 4.0.8', async () => {
    const target = await emulator({ apiVersion: '4.0.8' });
    const media = shotsetMedia(3);
    const outcome = await adapterFor(target, { apiVersion: '4.0.8' }).verify(media, makeContext());
    expect(outcome.decision).toBe('live');
    expect(outcome.raw.value).toBe(sandboxConfidenceSpoofing(media.bytes));
  });

  it('verifies a video', async () => {
    const target = await emulator({ apiVersion: '5.2.0' });
    const media = videoMedia(8);
    const outcome = await adapterFor(target).verify(media, makeContext());
    expect(outcome).toMatchObject({ decision: 'live', raw: { value: sandboxConfidenceSpoofing(media.bytes) } });
    // Pinned from the documented formula (0.01 + 0.19 u over SHA-256 of this fixed fixture), not recomputed.
    expect(outcome.raw.value).toBe(0.0362);
    expect(outcome.score).toBe(0.9638);
  });

  it('reads analysis_id on API 6.0.1', async () => {
    const target = await emulator({ apiVersion: '6.0.1' });
    const outcome = await adapterFor(target, { apiVersion: '6.0.1' }).verify(videoMedia(2), makeContext());
    expect(outcome.decision).toBe('live');
    expect(outcome.ids.analysisId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Oz adapter API-version switch', () => {
  it('on 4.0.8 too, sends a photo as a one-image shot set (video_selfie_blank, source_shots_set_id)', async () => {
    const target = await emulator({ apiVersion: '4.0.8' });
    const outcome = await adapterFor(target, { apiVersion: '4.0.8' }).verify(imageMedia(5), makeContext());
    expect(outcome.decision).toBe('live');

    const folder = await readFromEmulator(target, `/api/folders/${outcome.ids.folderId}`);
    expect(folder.media).toEqual([
      expect.objectContaining({
        media_id: outcome.ids.mediaId,
        media_type: 'SHOTS_SET_FOLDER',
        original_name: 'selfie.zip',
        tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'],
      }),
    ]);
    const analysis = await readFromEmulator(target, `/api/analyses/${outcome.ids.analysisId}`);
    expect(analysis.results_media).toEqual([expect.objectContaining({ source_shots_set_id: outcome.ids.mediaId })]);
  });

  it('a photo is scored even when OZ_API_VERSION is wrong: it always travels as a shot set', async () => {
    // Before, an adapter that believed the server was 5.x sent a plain image, which a 4.0.8 server skips.
    const target = await emulator({ apiVersion: '4.0.8' });
    const media = imageMedia(5);
    const outcome = await adapterFor(target, { apiVersion: '5.2.0' }).verify(media, makeContext());
    expect(outcome.decision).toBe('live');
  });
});

describe('Oz adapter outcomes and polling', () => {
  let target: RunningOzEmulator;
  beforeAll(async () => {
    target = await emulator({ apiVersion: '5.2.0' });
  });

  it('maps DECLINED to spoof', async () => {
    const outcome = await adapterFor(target).verify(videoMedia(), makeContext({ sandboxScenario: 'spoof' }));
    expect(outcome).toMatchObject({ decision: 'spoof', raw: { value: SANDBOX_SPOOF_CONFIDENCE_SPOOFING } });
    expect(outcome.score).toBeCloseTo(1 - SANDBOX_SPOOF_CONFIDENCE_SPOOFING, 9);
    expect(outcome.reason).toMatch(/DECLINED/);
  });

  it('maps FAILED to provider-failed', async () => {
    const ctx = makeContext({ sandboxScenario: 'failed' });
    await expectProviderError(adapterFor(target).verify(videoMedia(), ctx), 'provider-failed');
  });

  it('keeps polling while the analysis reports PROCESSING', async () => {
    const events: Array<{ event: string; fields: Record<string, unknown> }> = [];
    const adapter = adapterFor(target, { logger: (event, fields) => events.push({ event, fields }) });
    // The analysis runs 150 ms; the adapter reads every 5..20 ms, so it must read PROCESSING before SUCCESS.
    const outcome = await adapter.verify(videoMedia(4), makeContext({ sandboxScenario: 'slow:150' }));
    expect(outcome.decision).toBe('live');
    const polled = events.filter((entry) => entry.event === 'oz.analysis.polled').map((entry) => entry.fields.status);
    expect(polled.length).toBeGreaterThan(1);
    expect(new Set(polled.slice(0, -1))).toEqual(new Set(['PROCESSING']));
    expect(polled.at(-1)).toBe('SUCCESS');
    // Logs carry ids and timings only: never the token, the password or media bytes.
    const logged = JSON.stringify(events);
    expect(logged).not.toContain(target.credentials.password);
    expect(logged).not.toMatch(/access_token|expire_token|[0-9a-f]{48}/);
  });

  it('gives up with provider-timeout at the overall deadline', async () => {
    const adapter = adapterFor(target, { deadlineMs: 80, pollIntervalMs: 10, maxPollIntervalMs: 10 });
    const ctx = makeContext({ sandboxScenario: 'slow:600000' });
    await expectProviderError(adapter.verify(videoMedia(), ctx), 'provider-timeout');
  });

  it('stops when the check is aborted', async () => {
    const ctx = makeContext({ sandboxScenario: 'slow:600000' });
    const polls: number[] = [];
    const adapter = adapterFor(target, {
      logger: (event, fields) => {
        if (event !== 'oz.analysis.polled') return;
        polls.push(fields.read as number);
        ctx.controller.abort();
      },
    });
    await expect(adapter.verify(videoMedia(), ctx)).rejects.toMatchObject({ name: 'AbortError' });
    expect(polls).toEqual([1]);
  });
});

describe('Oz adapter authentication', () => {
  it('logs in once for concurrent checks (single-flight)', async () => {
    const target = await emulator();
    const adapter = adapterFor(target);
    const outcomes = await Promise.all([1, 2, 3].map((seed) => adapter.verify(videoMedia(seed), makeContext())));
    expect(outcomes.map((outcome) => outcome.decision)).toEqual(['live', 'live', 'live']);
    expect(target.state.logins).toBe(1);
  });

  it('logs in again when the token has expired on the server (error_code 8) and repeats the call', async () => {
    const clock = manualClock();
    const target = await emulator({ now: clock.now, tokenTtlSeconds: 900 });
    const adapter = adapterFor(target);
    await adapter.verify(videoMedia(), makeContext());
    clock.advance(901_000); // only the server's clock moves: the adapter still believes its token is fresh
    const outcome = await adapter.verify(videoMedia(2), makeContext());
    expect(outcome.decision).toBe('live');
    expect(target.state.logins).toBe(2);
    expect(target.state.folderCount).toBe(2);
  });

  it('recovers from a token expired mid-check by the expire-token scenario', async () => {
    const target = await emulator();
    const outcome = await adapterFor(target).verify(videoMedia(), makeContext({ sandboxScenario: 'expire-token' }));
    expect(outcome.decision).toBe('live');
    // Every request expires the token it used: the folder look-up, the upload and the analyses request are each
    // followed by a request that meets error_code 8 and logs in again once.
    expect(target.state.logins).toBe(4);
    // The upload refused for its expired token was not processed: one folder.
    expect(target.state.folderCount).toBe(1);
  });

  it('refreshes the token shortly before expire_date instead of logging in again', async () => {
    const clock = manualClock();
    const target = await emulator({ now: clock.now, tokenTtlSeconds: 900 });
    const adapter = adapterFor(target, { now: clock.now, tokenRefreshMarginMs: 60_000 });
    await adapter.verify(videoMedia(), makeContext());
    clock.advance(850_000); // 50 s left: inside the refresh margin
    await adapter.verify(videoMedia(2), makeContext());
    expect(target.state.refreshes).toBe(1);
    expect(target.state.logins).toBe(1);
  });

  it('fails with provider-auth when the credentials are refused', async () => {
    const target = await emulator();
    const adapter = adapterFor(target, { password: 'wrong' });
    await expectProviderError(adapter.verify(videoMedia(), makeContext()), 'provider-auth');
  });

  it('fails with provider-auth when the token is still refused after one re-login', async () => {
    const target = await emulator();
    // Every analysis read is answered "token expired", whatever the token: a re-login cannot fix it.
    const expiredReads: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/api/analyses/')) {
        return Response.json({ error_code: 8, error_message: 'Auth token expired', details: null }, { status: 401 });
      }
      return fetch(input, init);
    };
    const adapter = adapterFor(target, { fetch: expiredReads });
    const error = await expectProviderError(adapter.verify(videoMedia(), makeContext()), 'provider-auth');
    expect(error.details.providerCode).toBe(8);
    expect(target.state.logins).toBe(2);
  });
});

describe('Oz adapter transient failures', () => {
  it('retries a 5xx answer and succeeds', async () => {
    const target = await emulator();
    const ctx = makeContext({ sandboxScenario: 'server-error-once' });
    const outcome = await adapterFor(target).verify(videoMedia(), ctx);
    expect(outcome.decision).toBe('live');
    // The folder look-up, the upload and the analyses request each failed once and were sent again; the upload
    // only after looking for a folder the lost answer might have hidden.
    expect(target.state.injectedServerErrors).toBe(3);
    expect(target.state.calls('POST /api/folders')).toBe(2);
    expect(target.state.folderCount).toBe(1);
    expect(outcome.timings.attempts).toBeGreaterThanOrEqual(5);
  });

  it('gives up with provider-unavailable after 3 attempts', async () => {
    const target = await emulator();
    const error = await expectProviderError(
      adapterFor(target).verify(videoMedia(), makeContext({ sandboxScenario: 'unavailable' })),
      'provider-unavailable',
    );
    expect(error.details.status).toBe(503);
    // The look-up for an earlier folder already finds Oz down: nothing is uploaded.
    expect(target.state.calls('GET /api/folders')).toBe(3);
    expect(target.state.calls('POST /api/folders')).toBe(0);
  });

  it('treats an unreachable server as provider-unavailable', async () => {
    const target = await startOzEmulator();
    const url = target.url;
    await target.close();
    const adapter = createOzAdapter({ ...OFFLINE, apiUrl: url, ...FAST });
    await expectProviderError(adapter.verify(videoMedia(), makeContext()), 'provider-unavailable');
  });
});

describe('Oz adapter restart recovery', () => {
  it('resumes polling from a checkpoint without uploading again', async () => {
    const target = await emulator({ analysisMs: 200 });
    const adapter = adapterFor(target);
    const first = makeContext();
    // The "process" dies right after the analysis checkpoint is durable.
    first.saveCheckpoint = async (checkpoint) => {
      first.saved.push(checkpoint);
      if (checkpoint.analysisId) first.controller.abort();
    };
    await expect(adapter.verify(videoMedia(), first)).rejects.toMatchObject({ name: 'AbortError' });
    const checkpoint = first.saved.at(-1)!;
    expect(target.state.calls('POST /api/folders')).toBe(1);

    const restarted = adapterFor(target);
    const resumed = makeContext({ checkId: first.checkId, sessionId: first.sessionId, checkpoint });
    const outcome = await restarted.verify(videoMedia(), resumed);
    expect(outcome.decision).toBe('live');
    expect(outcome.ids).toEqual(checkpoint);
    expect(target.state.calls('POST /api/folders')).toBe(1);
    expect(target.state.calls('POST /api/folders/:id/analyses')).toBe(1);
    expect(resumed.saved).toEqual([]);
  });

  it('starts the check over once when the checkpointed analysis no longer exists (error_code 10)', async () => {
    const target = await emulator();
    const lost = {
      folderId: '00000000-0000-4000-8000-000000000001',
      mediaId: '00000000-0000-4000-8000-000000000002',
      analysisId: '00000000-0000-4000-8000-000000000003',
    };
    const ctx = makeContext({ checkpoint: lost });
    const outcome = await adapterFor(target).verify(videoMedia(), ctx);
    expect(outcome.decision).toBe('live');
    expect(outcome.ids.analysisId).not.toBe(lost.analysisId);
    expect(target.state.folderCount).toBe(1);
    expect(ctx.saved.at(-1)).toEqual(outcome.ids);
  });

  it('a crash between the upload and the analysis start: the next attempt finds the folder and starts it there', async () => {
    const target = await emulator();
    const first = makeContext({ firstAttempt: true });
    // The process "dies" the moment it asks for the analysis: the folder exists, nothing was checkpointed.
    await expect(
      adapterFor(target, { fetch: dyingAtAnalysisStart(first) }).verify(videoMedia(), first),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(first.saved).toEqual([]);
    expect(target.state.calls('POST /api/folders')).toBe(1);

    const resumed = makeContext({ checkId: first.checkId, sessionId: first.sessionId });
    const outcome = await adapterFor(target).verify(videoMedia(), resumed);
    expect(outcome.decision).toBe('live');
    expect(target.state.calls('GET /api/folders')).toBe(1);
    expect(target.state.calls('POST /api/folders')).toBe(1);
    expect(resumed.saved).toEqual([outcome.ids]);
  });

  it('a first attempt does not look for an earlier folder; any later attempt does', async () => {
    const target = await emulator();
    await adapterFor(target).verify(videoMedia(), makeContext({ firstAttempt: true }));
    expect(target.state.calls('GET /api/folders')).toBe(0);
    await adapterFor(target).verify(videoMedia(), makeContext());
    expect(target.state.calls('GET /api/folders')).toBe(1);
  });

  it('starts the analysis in the saved folder when a stored checkpoint names only the upload', async () => {
    // Checks stored by versions that checkpointed the upload on its own still resume without a second upload.
    const target = await emulator();
    const first = makeContext({ firstAttempt: true });
    await expect(
      adapterFor(target, { fetch: dyingAtAnalysisStart(first) }).verify(videoMedia(), first),
    ).rejects.toBeDefined();
    const folders = (await readFromEmulator(target, `/api/folders/?meta_data=transaction_id==${first.sessionId}`)) as {
      items?: Array<{ folder_id: string; media: Array<{ media_id: string }> }>;
    };
    const folder = folders.items?.[0];
    expect(folder).toBeDefined();
    const checkpoint = { folderId: folder!.folder_id, mediaId: folder!.media[0]!.media_id };

    const outcome = await adapterFor(target).verify(videoMedia(), makeContext({ checkpoint }));
    expect(outcome.ids.folderId).toBe(checkpoint.folderId);
    expect(target.state.calls('POST /api/folders')).toBe(1);
  });
});

describe('Oz adapter webhook wake-up', () => {
  let receiver: Server;
  let adapter: OzAdapter | undefined;
  let check: ReturnType<typeof makeContext> | undefined;
  const notified: string[] = [];

  beforeAll(async () => {
    // The backend's webhook receiver in miniature: it trusts nothing in the body but the id to re-read.
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const body: unknown = JSON.parse(text);
        notified.push(...analysisIdsIn(body));
        adapter?.receiveWebhook(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  afterEach(() => {
    // If a wake-up was missed, the check would still be waiting a minute: stop it with the test.
    check?.controller.abort();
    adapter = undefined;
  });

  it('re-reads the analysis as soon as the webhook arrives instead of waiting for the next poll', async () => {
    // Polling alone would wait a minute before its first read: only the webhook can finish this check quickly.
    const target = await emulator({ autoFinishMs: 20 });
    const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/oz`;
    const slowPolling = { pollIntervalMs: 60_000, maxPollIntervalMs: 60_000, deadlineMs: 120_000 };
    adapter = adapterFor(target, { webhookUrl, ...slowPolling });
    check = makeContext();
    const outcome = await adapter.verify(videoMedia(), check);
    expect(outcome.decision).toBe('live');
    expect(notified).toEqual([outcome.ids.analysisId]);
    expect(target.state.calls('GET /api/analyses/:id')).toBe(1);
  });

  it('ignores notifications for analyses it is not waiting for', () => {
    const idle = createOzAdapter(OFFLINE);
    expect(() => idle.receiveWebhook({ analyse_id: '00000000-0000-4000-8000-000000000000' })).not.toThrow();
    expect(() => idle.receiveWebhook('not an object')).not.toThrow();
  });
});

describe('Oz adapter configuration', () => {
  it('refuses an invalid configuration at creation', () => {
    const base = OFFLINE;
    expect(() => createOzAdapter({ ...base, apiUrl: 'not a url' })).toThrow(/apiUrl/);
    expect(() => createOzAdapter({ ...base, apiVersion: 'latest' })).toThrow(/version/);
    expect(() => createOzAdapter({ ...base, password: '' })).toThrow(/password/);
  });

  it('exposes its name and sandbox flag', () => {
    const adapter = createOzAdapter(OFFLINE);
    expect(adapter.name).toBe('oz');
    expect(adapter.sandbox).toBe(true);
  });
});

type LogEntry = { event: string; fields: Record<string, unknown> };
const recorder = (): { events: LogEntry[]; logger: (event: string, fields: Record<string, unknown>) => void } => {
  const events: LogEntry[] = [];
  return { events, logger: (event, fields) => void events.push({ event, fields }) };
};

describe('Oz adapter against the shapes the docs leave open (variant-shapes)', () => {
  it.each(['4.0.8', '5.2.0', '6.0.1'])('verifies photo, shot set and video on %s', async (apiVersion) => {
    const target = await emulator({ apiVersion, analysisMs: 400 });
    const { events, logger } = recorder();
    const adapter = adapterFor(target, { apiVersion, logger });
    for (const media of [imageMedia(21), shotsetMedia(22), videoMedia(23)]) {
      const ctx = makeContext({ sandboxScenario: 'variant-shapes' });
      const outcome = await adapter.verify(media, ctx);
      expect(outcome.decision).toBe('live');
      expect(outcome.raw.value).toBeGreaterThanOrEqual(0.01);
      expect(outcome.raw.value).toBeLessThanOrEqual(0.2);
    }
    // The create-folder answers had no media[]: each folder was read back.
    expect(target.state.calls('GET /api/folders/:id')).toBe(3);
    // QUEUED is undocumented: polling went on, and it was logged once per check, not per read.
    expect(
      events.filter((entry) => entry.event === 'oz.analysis.unknown_status').map((entry) => entry.fields.status),
    ).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
  });

  it('keeps polling an undocumented status until the deadline, then provider-timeout', async () => {
    const target = await emulator();
    const { events, logger } = recorder();
    const adapter = adapterFor(target, { deadlineMs: 1_000, pollIntervalMs: 10, maxPollIntervalMs: 10, logger });
    await expectProviderError(
      adapter.verify(videoMedia(), makeContext({ sandboxScenario: 'variant-shapes,slow:600000' })),
      'provider-timeout',
    );
    expect(events.filter((entry) => entry.event === 'oz.analysis.polled').length).toBeGreaterThanOrEqual(2);
    expect(events.filter((entry) => entry.event === 'oz.analysis.unknown_status')).toHaveLength(1);
  });

  it('reads expire_date as a date string and refreshes before it', async () => {
    const clock = manualClock();
    const target = await emulator({ now: clock.now, tokenTtlSeconds: 900, defaultScenario: 'variant-shapes' });
    const adapter = adapterFor(target, { now: clock.now, tokenRefreshMarginMs: 60_000 });
    await adapter.verify(videoMedia(), makeContext());
    clock.advance(850_000);
    await adapter.verify(videoMedia(2), makeContext());
    expect(target.state.refreshes).toBe(1);
    expect(target.state.logins).toBe(1);
  });
});

describe('Oz adapter: uploads are not safe to repeat', () => {
  it('after a lost create-folder answer, finds the folder by transaction_id instead of uploading again', async () => {
    const target = await emulator();
    const { events, logger } = recorder();
    const ctx = makeContext({ sandboxScenario: 'lost-answer-once' });
    const outcome = await adapterFor(target, { logger }).verify(videoMedia(), ctx);
    expect(outcome.decision).toBe('live');
    expect(target.state.calls('POST /api/folders')).toBe(1);
    expect(target.state.folderCount).toBe(1);
    expect(events.some((entry) => entry.event === 'oz.folder.found_after_failure')).toBe(true);
  });

  it('a check taken over by another instance reuses the folder and the analysis the first one started', async () => {
    const target = await emulator({ analysisMs: 300 });
    const first = makeContext();
    // The first instance dies after starting the analysis, before any checkpoint reached the store.
    first.saveCheckpoint = async (checkpoint) => {
      if (checkpoint.analysisId) first.controller.abort();
    };
    await expect(adapterFor(target).verify(videoMedia(), first)).rejects.toMatchObject({ name: 'AbortError' });
    const takeover = makeContext({ checkId: first.checkId, sessionId: first.sessionId });
    const outcome = await adapterFor(target).verify(videoMedia(), takeover);
    expect(outcome.decision).toBe('live');
    expect(target.state.calls('POST /api/folders')).toBe(1);
    expect(target.state.calls('POST /api/folders/:id/analyses')).toBe(1);
    expect(takeover.saved[0]).toEqual(outcome.ids);
  });

  it('sizes the upload timeout to the file: a slow link is waited for', async () => {
    // A proxy in front of the emulator that accepts the upload at about 64 KiB/s.
    const target = await emulator();
    const slow = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        request.pause();
        setTimeout(() => request.resume(), 5);
      });
      request.on('end', () => {
        void (async () => {
          const upstream = await fetch(target.url + request.url, {
            method: request.method,
            headers: Object.fromEntries(
              Object.entries(request.headers)
                .filter(([name]) => name !== 'host')
                .map(([k, v]) => [k, String(v)]),
            ),
            ...(request.method === 'GET' ? {} : { body: Buffer.concat(chunks) }),
          });
          response.writeHead(upstream.status, {
            'content-type': upstream.headers.get('content-type') ?? 'application/json',
          });
          response.end(Buffer.from(await upstream.arrayBuffer()));
        })();
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const big = { ...videoMedia(), bytes: new Uint8Array(1_500_000) };
      big.bytes.set(makeMp4());
      const apiUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      // 200 ms per request would never carry 1.5 MB through this link; the upload gets 200 ms + 1.5 MB at 1 MB/s.
      const adapter = adapterFor(target, { apiUrl, requestTimeoutMs: 200, minUploadBytesPerSecond: 1_000_000 });
      expect((await adapter.verify(big, makeContext())).decision).toBe('live');
      expect(target.state.calls('POST /api/folders')).toBe(1);
    } finally {
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});

describe('Oz adapter: resolution_endpoint', () => {
  it('is not sent without OZ_WEBHOOK_URL', async () => {
    const target = await emulator();
    const { events, logger } = recorder();
    const outcome = await adapterFor(target, { logger }).verify(
      videoMedia(),
      makeContext({ sandboxScenario: 'refuse-resolution-endpoint' }),
    );
    expect(outcome.decision).toBe('live');
    expect(events.some((entry) => entry.event === 'oz.webhook.refused')).toBe(false);
    expect(target.state.webhookDeliveries).toEqual([]);
  });

  it('is dropped once, then polled, when Oz refuses it as an invalid structure', async () => {
    const target = await emulator();
    const { events, logger } = recorder();
    const adapter = adapterFor(target, { webhookUrl: 'http://127.0.0.1:9/hook', logger });
    const outcome = await adapter.verify(videoMedia(), makeContext({ sandboxScenario: 'refuse-resolution-endpoint' }));
    expect(outcome.decision).toBe('live');
    expect(events.filter((entry) => entry.event === 'oz.webhook.refused')).toHaveLength(1);
    expect(target.state.calls('POST /api/folders/:id/analyses')).toBe(2);
    expect(target.state.webhookDeliveries).toEqual([]);
  });
});

describe("Oz adapter: Oz's documented media limits", () => {
  it('converts a WebP photo to JPEG, which the emulator (like Oz) requires', async () => {
    const target = await emulator();
    const webp = new Uint8Array(
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
        .webp()
        .toBuffer(),
    );
    const media = imageMedia(1, { contentType: 'image/webp', fileName: 'selfie.webp', bytes: webp });
    expect((await adapterFor(target).verify(media, makeContext())).decision).toBe('live');
  });

  it('refuses, before sending, a file over 10 MB and a video over 5 s, each with its own code', async () => {
    const target = await emulator();
    const big = { ...videoMedia(), bytes: new Uint8Array(10_000_001) };
    big.bytes.set(makeMp4());
    await expectProviderError(adapterFor(target).verify(big, makeContext()), 'provider-media-too-large');
    const long = { ...videoMedia(), bytes: mp4Lasting(6) };
    await expectProviderError(adapterFor(target).verify(long, makeContext()), 'provider-media-too-long');
    expect(target.state.calls('POST /api/folders')).toBe(0);
    // The emulator enforces the same limits on its own, so a client that skipped them would fail too.
    expect((await rawUpload(target, long.bytes, 'video/mp4')).status).toBe(400);
    expect((await rawUpload(target, big.bytes, 'video/mp4')).status).toBe(400);
  });
});

/** An MP4 (ftyp, then moov/mvhd) stating `seconds`. */
function mp4Lasting(seconds: number): Uint8Array {
  const mvhd = Buffer.alloc(108);
  mvhd.writeUInt32BE(108, 0);
  mvhd.write('mvhd', 4, 'latin1');
  mvhd.writeUInt32BE(600, 20);
  mvhd.writeUInt32BE(Math.round(seconds * 600), 24);
  const moov = Buffer.alloc(8);
  moov.writeUInt32BE(8 + mvhd.length, 0);
  moov.write('moov', 4, 'latin1');
  return new Uint8Array(Buffer.concat([Buffer.from(makeMp4().subarray(0, 24)), moov, mvhd]));
}

async function rawUpload(target: RunningOzEmulator, bytes: Uint8Array, type: string): Promise<Response> {
  const login = await fetch(`${target.url}/api/authorize/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ credentials: { email: target.credentials.login, password: target.credentials.password } }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const form = new FormData();
  form.append('v', new Blob([new Uint8Array(bytes)], { type }), 'v.mp4');
  form.append('payload', JSON.stringify({ 'media:tags': { v: ['video_selfie', 'video_selfie_blank'] } }));
  return fetch(`${target.url}/api/folders/`, {
    method: 'POST',
    headers: { 'X-Forensic-Access-Token': access_token },
    body: form,
  });
}

/** A fetch that aborts the check as it asks Oz to start the analysis, as if the process died right then. */
function dyingAtAnalysisStart(check: { controller: AbortController }): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (url.includes('/analyses/') && init?.method === 'POST') check.controller.abort();
    return fetch(input, init);
  };
}
