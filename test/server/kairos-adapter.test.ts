import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKairosAdapter, type KairosConfig } from '../../src/server/providers/kairos/index.js';
import { ProviderError, type CheckMedia, type ProviderContext } from '../../src/server/providers/types.js';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startKairosEmulator, type RunningKairosEmulator } from '../../src/sandbox/kairos-emulator.js';
import {
  DOCUMENTED_SPOOF_FACES_LIVENESS as SANDBOX_SPOOF_FACES_LIVENESS,
  documentedFacesLiveness as sandboxFacesLiveness,
} from './support/sandbox-scores.js';
import { jpeg } from './support/backend.js';

const jpeg640 = jpeg(640, 640, 'noise', 7);
const jpeg400 = jpeg(400, 400, 'noise', 8);

function media(selfieJpeg: Uint8Array, selfieSize: { width: number; height: number }): CheckMedia {
  return {
    kind: 'image',
    contentType: 'image/jpeg',
    fileName: 'selfie.jpg',
    bytes: selfieJpeg,
    tags: ['video_selfie', 'orientation_portrait'],
    selfieJpeg,
    selfieSize,
  };
}

const selfie640 = media(jpeg640, { width: 640, height: 640 });

function context(sandboxScenario?: string, signal: AbortSignal = new AbortController().signal): ProviderContext {
  return {
    checkId: 'check-1',
    sessionId: 'session-1',
    signal,
    saveCheckpoint: async () => {},
    ...(sandboxScenario ? { sandboxScenario } : {}),
  };
}

/** Resolves the ProviderError a promise rejects with (fails the test if it resolves or throws something else). */
async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a ProviderError, got an outcome');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('Kairos adapter against the emulator', () => {
  let emulator: RunningKairosEmulator;

  beforeAll(async () => {
    emulator = await startKairosEmulator({ slowResponseMs: 2000 });
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  function adapter(overrides: Partial<KairosConfig> = {}, version = 'v0.2') {
    return createKairosAdapter({
      apiUrl: `${emulator.url}/${version}`,
      appId: emulator.credentials.appId,
      appKey: emulator.credentials.appKey,
      threshold: 0.6,
      sandbox: true,
      backoffMs: 1,
      ...overrides,
    });
  }

  const statuses = (): Array<number | null> => emulator.state.calls.map((call) => call.status);

  it('classifies a live selfie on v0.2 and keeps the audit ids', async () => {
    const kairos = adapter();
    expect(kairos.name).toBe('kairos');
    expect(kairos.sandbox).toBe(true);

    const outcome = await kairos.verify(selfie640, context());

    const [call] = emulator.state.calls;
    expect(emulator.state.calls).toHaveLength(1);
    expect(outcome).toEqual({
      provider: 'kairos',
      decision: 'live',
      score: sandboxFacesLiveness(jpeg640),
      raw: { name: 'faces_liveness', value: sandboxFacesLiveness(jpeg640) },
      threshold: 0.6,
      ids: { apiReqUid: call!.apiReqUid, requestId: call!.requestId, responseCode: '2' },
      timings: {
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        durationMs: expect.any(Number),
        attempts: 1,
      },
      reason: `faces_liveness ${sandboxFacesLiveness(jpeg640)} >= threshold 0.6`,
    });
    expect(Date.parse(outcome.timings.finishedAt)).toBeGreaterThanOrEqual(Date.parse(outcome.timings.startedAt));
  });

  it('sends exactly the underscore credential headers and a multipart body', async () => {
    await adapter().verify(selfie640, context('live'));
    const [call] = emulator.state.calls;
    expect(call!.headerNames).toEqual(expect.arrayContaining(['app_id', 'app_key', 'x-sandbox-scenario']));
    expect(call!.headerNames).not.toContain('app-id');
    expect(call!.headerNames).not.toContain('app-key');
    expect(call!.status).toBe(200);
  });

  it('classifies on v0.1, where no X-Request-ID is sent', async () => {
    const outcome = await adapter({}, 'v0.1').verify(selfie640, context());
    expect(outcome.decision).toBe('live');
    expect(emulator.state.calls.map((call) => call.version)).toEqual(['v0.1']);
    expect(Object.keys(outcome.ids).sort()).toEqual(['apiReqUid', 'responseCode']);
  });

  it('reads the variant shapes the docs leave open: api_req_uuid, faces without delta, unknown fields', async () => {
    for (const version of ['v0.1', 'v0.2'] as const) {
      const outcome = await adapter({}, version).verify(selfie640, context('variant-shapes'));
      const call = emulator.state.calls.at(-1)!;
      expect(outcome).toMatchObject({
        decision: 'live',
        score: sandboxFacesLiveness(jpeg640),
        ids: { apiReqUid: call.apiReqUid, responseCode: '2' },
      });
      expect(outcome.ids.requestId).toBe(call.requestId);
    }
  });

  it('needs no request id at all: X-Request-ID alone, or nothing, is fine', async () => {
    const bodies = [
      { headers: { 'X-Request-ID': 'req-7' }, body: { response_data: { faces_liveness: 0.9, faces_predicted: [{}] } } },
      { headers: {}, body: { response_data: { faces_liveness: 0.9, faces_predicted: [{}] }, extra: true } },
    ];
    const server = createHttpServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const next = bodies.shift()!;
        response.writeHead(200, { 'content-type': 'application/json', ...next.headers }).end(JSON.stringify(next.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v0.2`;
      const first = await adapter({ apiUrl }).verify(selfie640, context());
      expect(first).toMatchObject({ decision: 'live', ids: { requestId: 'req-7' } });
      const second = await adapter({ apiUrl }).verify(selfie640, context());
      expect(second.decision).toBe('live');
      expect(second.ids).toEqual({});
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('classifies a spoof by score, not as an error', async () => {
    const outcome = await adapter().verify(selfie640, context('spoof'));
    expect(outcome.decision).toBe('spoof');
    expect(outcome.score).toBe(SANDBOX_SPOOF_FACES_LIVENESS);
    expect(outcome.reason).toBe(`faces_liveness ${SANDBOX_SPOOF_FACES_LIVENESS} < threshold 0.6`);
  });

  it('counts a score equal to the threshold as live', async () => {
    for (const threshold of [0.6, 0.73, 1]) {
      const outcome = await adapter({ threshold }).verify(selfie640, context('boundary'));
      expect(outcome.score).toBe(threshold);
      expect(outcome.decision, `threshold ${threshold}`).toBe('live');
    }
  });

  it('sends the configured threshold, so a higher one turns the same image into a spoof', async () => {
    const outcome = await adapter({ threshold: 0.995 }).verify(selfie640, context());
    expect(outcome.decision).toBe('spoof');
    expect(outcome.threshold).toBe(0.995);
  });

  it('fails closed when Kairos finds no face or several faces', async () => {
    const noFace = await adapter().verify(selfie640, context('no-face'));
    expect(noFace).toMatchObject({ decision: 'spoof', score: 0, reason: 'no face found by Kairos' });

    const several = await adapter().verify(selfie640, context('multi-face'));
    expect(several.decision).toBe('spoof');
    expect(several.reason).toMatch(/2 faces/);
  });

  it('maps a no-face 4xx to provider-rejected without retrying', async () => {
    const error = await providerError(adapter().verify(selfie640, context('no-face-4xx')));
    expect(error).toMatchObject({ provider: 'kairos', code: 'provider-rejected', details: { status: 400 } });
    expect(statuses()).toEqual([400]);
  });

  it('refuses a selfie under the version minimum before sending anything', async () => {
    const v01 = await providerError(adapter({}, 'v0.1').verify(media(jpeg400, { width: 400, height: 400 }), context()));
    expect(v01.code).toBe('provider-rejected');
    expect(v01.message).toMatch(/480x480/);

    const v02 = await providerError(adapter().verify(media(jpeg400, { width: 640, height: 299 }), context()));
    expect(v02.code).toBe('provider-rejected');

    const oversized = await providerError(adapter().verify(media(jpeg640, { width: 5001, height: 640 }), context()));
    expect(oversized.message).toMatch(/5000/);
    expect(emulator.state.calls).toHaveLength(0);

    // The same 400 px selfie is within the v0.2 limits.
    const accepted = await adapter().verify(media(jpeg400, { width: 400, height: 400 }), context());
    expect(accepted.decision).toBe('live');
    expect(emulator.state.calls).toHaveLength(1);
  });

  it('maps the quota 403 to provider-quota and does not retry it', async () => {
    const error = await providerError(adapter().verify(selfie640, context('quota')));
    expect(error).toMatchObject({ code: 'provider-quota', details: { status: 403, retryable: false } });
    expect(error.message).toMatch(/X-Request-ID [0-9a-f-]{36}/);
    expect(statuses()).toEqual([403]);
  });

  it('stops at the configured quota', async () => {
    emulator.state.quotaRemaining = 1;
    expect((await adapter().verify(selfie640, context())).decision).toBe('live');
    expect((await providerError(adapter().verify(selfie640, context()))).code).toBe('provider-quota');
    expect(statuses()).toEqual([200, 403]);
  });

  it('maps refused credentials to provider-auth (401) and does not retry', async () => {
    const error = await providerError(adapter({ appKey: 'wrong-key' }).verify(selfie640, context()));
    expect(error).toMatchObject({ code: 'provider-auth', details: { status: 401, retryable: false } });
    expect(statuses()).toEqual([401]);
  });

  it('maps a 403 whose body speaks of credentials to provider-auth, and does not retry it', async () => {
    const error = await providerError(adapter().verify(selfie640, context('auth-403')));
    expect(error.code).toBe('provider-auth');
    expect(statuses()).toEqual([403]);
  });

  it('retries a transient 5xx and succeeds on the second attempt', async () => {
    const outcome = await adapter().verify(selfie640, context('server-error-once'));
    expect(outcome.decision).toBe('live');
    expect(outcome.timings.attempts).toBe(2);
    expect(statuses()).toEqual([503, 200]);
  });

  it('gives up on a persistent 5xx after maxAttempts with provider-unavailable', async () => {
    const error = await providerError(adapter({ maxAttempts: 3 }).verify(selfie640, context('server-error')));
    expect(error).toMatchObject({ code: 'provider-unavailable', details: { status: 503, retryable: true } });
    expect(error.message).toMatch(/after 3 attempt/);
    expect(statuses()).toEqual([503, 503, 503]);
  });

  it('retries per-request timeouts, then reports provider-unavailable', async () => {
    const error = await providerError(adapter({ timeoutMs: 100, maxAttempts: 2 }).verify(selfie640, context('slow')));
    expect(error.code).toBe('provider-unavailable');
    expect(error.message).toMatch(/timed out after 100 ms/);
    expect(emulator.state.calls).toHaveLength(2);
    expect(statuses()).toEqual([null, null]);
  });

  it('retries network failures, then reports provider-unavailable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const events: Array<Record<string, unknown>> = [];
    const kairos = adapter({
      apiUrl: `http://127.0.0.1:${closedPort}/v0.2`,
      maxAttempts: 2,
      logger: (_event, fields) => events.push(fields),
    });
    const error = await providerError(kairos.verify(selfie640, context()));
    expect(error.code).toBe('provider-unavailable');
    expect(error.message).toMatch(/network error/);
    expect(events.map((fields) => [fields.attempt, fields.outcome])).toEqual([
      [1, 'network-error'],
      [2, 'network-error'],
    ]);
  });

  it('maps a malformed or non-JSON 200 body to provider-protocol without retrying', async () => {
    const malformed = await providerError(adapter().verify(selfie640, context('malformed-body')));
    expect(malformed.code).toBe('provider-protocol');
    expect(malformed.message).toMatch(/faces_liveness/);
    const html = await providerError(adapter().verify(selfie640, context('not-json')));
    expect(html.code).toBe('provider-protocol');
    expect(statuses()).toEqual([200, 200]);
  });

  it('rethrows the caller abort reason, before sending or while waiting', async () => {
    const reason = new Error('check deadline');
    const early = new AbortController();
    early.abort(reason);
    await expect(adapter().verify(selfie640, context(undefined, early.signal))).rejects.toBe(reason);
    expect(emulator.state.calls).toHaveLength(0);

    const late = new AbortController();
    const pending = adapter({ maxAttempts: 3 }).verify(selfie640, context('slow', late.signal));
    await expect.poll(() => emulator.state.calls.length).toBe(1);
    late.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(emulator.state.calls).toHaveLength(1);
  });

  it('does not send a scenario when configured as a real provider', async () => {
    const outcome = await adapter({ sandbox: false }).verify(selfie640, context('spoof'));
    expect(outcome.decision).toBe('live');
    expect(emulator.state.calls[0]!.headerNames).not.toContain('x-sandbox-scenario');
  });

  it('logs ids and timings but never the credentials', async () => {
    const logged: string[] = [];
    await adapter({ logger: (event, fields) => logged.push(`${event} ${JSON.stringify(fields)}`) }).verify(
      selfie640,
      context('server-error-once'),
    );
    expect(logged).toHaveLength(2);
    expect(logged[1]).toContain('"checkId":"check-1"');
    expect(logged[1]).toContain(`"requestId":"${emulator.state.calls[1]!.requestId}"`);
    for (const line of logged) expect(line).not.toContain(emulator.credentials.appKey);
  });
});

describe('createKairosAdapter configuration', () => {
  const base: KairosConfig = {
    apiUrl: 'https://idv-eu.kairos.com/v0.2',
    appId: 'id',
    appKey: 'key',
    threshold: 0.6,
    sandbox: false,
  };

  it('refuses a URL without a version, a threshold outside 0..1 and empty credentials', () => {
    expect(() => createKairosAdapter({ ...base, apiUrl: 'https://idv-eu.kairos.com' })).toThrow(/v0\.1 or \/v0\.2/);
    expect(() => createKairosAdapter({ ...base, threshold: 1.1 })).toThrow(/threshold/);
    expect(() => createKairosAdapter({ ...base, threshold: Number.NaN })).toThrow(/threshold/);
    expect(() => createKairosAdapter({ ...base, appKey: '' })).toThrow(/appKey/);
    expect(() => createKairosAdapter({ ...base, maxAttempts: 0 })).toThrow(/maxAttempts/);
  });

  it('accepts a trailing slash after the version', () => {
    expect(createKairosAdapter({ ...base, apiUrl: 'https://idv-eu.kairos.com/v0.1/' }).name).toBe('kairos');
  });
});
