import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createKairosEmulatorApp,
  startKairosEmulator,
  type KairosEmulatorOptions,
  type RunningKairosEmulator,
} from '../../src/sandbox/kairos-emulator.js';
import { readImageSize } from '../../src/sandbox/kairos/image-size.js';
import {
  DOCUMENTED_SPOOF_FACES_LIVENESS as SANDBOX_SPOOF_FACES_LIVENESS,
  documentedFacesLiveness as sandboxFacesLiveness,
} from './support/sandbox-scores.js';
import { jpeg } from './support/backend.js';

function makePng(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  png.data.fill(128);
  return new Uint8Array(PNG.sync.write(png));
}

const jpeg640 = jpeg(640, 640, 'noise', 1);
const jpeg640b = jpeg(640, 640, 'noise', 2);
const jpeg400 = jpeg(400, 400, 'noise', 3);

function livenessForm(selfie: Uint8Array | null, threshold: string | null = '0.6', type = 'image/jpeg'): FormData {
  const form = new FormData();
  if (selfie) form.append('selfie', new Blob([new Uint8Array(selfie)], { type }), 'selfie.jpg');
  if (threshold !== null) form.append('threshold', threshold);
  return form;
}

describe('Kairos emulator over HTTP', () => {
  let emulator: RunningKairosEmulator;

  beforeAll(async () => {
    emulator = await startKairosEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  function post(
    version: string,
    body: NonNullable<RequestInit['body']>,
    headers: Record<string, string> = {},
    credentials = true,
  ): Promise<Response> {
    return fetch(`${emulator.url}/${version}/liveness-verification`, {
      method: 'POST',
      headers: {
        ...(credentials ? { app_id: emulator.credentials.appId, app_key: emulator.credentials.appKey } : {}),
        ...headers,
      },
      body,
    });
  }

  it('listens on loopback and returns the §2.2 body with the v0.2 headers', async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await post('v0.2', livenessForm(jpeg640));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=86400; includeSubDomains');

    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['api_req_uid', 'processed_at', 'requested_at', 'response_code', 'response_data'].sort(),
    );
    expect(body.requested_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(body.processed_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(body.response_code).toBe(2);
    expect(body.response_data).toEqual({
      faces_liveness: sandboxFacesLiveness(jpeg640),
      faces_predicted: [{ confidence: expect.any(Number), top_left: { x: 160, y: 112 }, delta: { x: 320, y: 416 } }],
      img: { width: 640, height: 640 },
    });
    expect(emulator.state.calls).toEqual([
      expect.objectContaining({ version: 'v0.2', scenario: 'live', status: 200, apiReqUid: body.api_req_uid }),
    ]);
  });

  it('gives every request a fresh api_req_uid and the same score for the same image', async () => {
    type Body = { api_req_uid: string; response_data: { faces_liveness: number } };
    const first = (await (await post('v0.2', livenessForm(jpeg640))).json()) as Body;
    const second = (await (await post('v0.2', livenessForm(jpeg640))).json()) as Body;
    const other = (await (await post('v0.2', livenessForm(jpeg640b))).json()) as Body;
    expect(first.api_req_uid).not.toBe(second.api_req_uid);
    expect(second.response_data.faces_liveness).toBe(first.response_data.faces_liveness);
    // Pinned from the documented formula (0.80 + 0.19 u over SHA-256 of these deterministic fixtures).
    expect(first.response_data.faces_liveness).toBe(0.8574);
    expect(other.response_data.faces_liveness).toBe(0.9337);
    expect(other.response_data.faces_liveness).toBe(sandboxFacesLiveness(jpeg640b));
  });

  it('serves v0.1 without the v0.2-only headers', async () => {
    const res = await post('v0.1', livenessForm(jpeg640));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeNull();
    expect(await res.json()).toMatchObject({ response_data: { img: { width: 640, height: 640 } } });
  });

  it('answers 404 for an unknown version or path', async () => {
    expect((await post('v0.3', livenessForm(jpeg640))).status).toBe(404);
    expect((await post('v0.2/other', livenessForm(jpeg640))).status).toBe(404);
  });

  it('refuses the hyphenated credential headers and missing or wrong credentials with 401', async () => {
    const hyphen = await post(
      'v0.2',
      livenessForm(jpeg640),
      { 'app-id': emulator.credentials.appId, 'app-key': emulator.credentials.appKey },
      false,
    );
    expect(hyphen.status).toBe(401);
    expect(await hyphen.json()).toEqual({
      error: { code: 'hyphenated-credential-headers', message: expect.any(String) },
    });

    const missing = await post('v0.2', livenessForm(jpeg640), {}, false);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'auth-failed' } });

    const wrong = await post(
      'v0.2',
      livenessForm(jpeg640),
      { app_id: emulator.credentials.appId, app_key: 'nope' },
      false,
    );
    expect(wrong.status).toBe(401);
  });

  it('refuses a JSON body, a missing selfie and a bad threshold', async () => {
    const json = await post(
      'v0.2',
      JSON.stringify({ selfie: Buffer.from(jpeg640).toString('base64'), threshold: 0.6 }),
      {
        'content-type': 'application/json',
      },
    );
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: { code: 'not-multipart' } });

    const noSelfie = await post('v0.2', livenessForm(null));
    expect(noSelfie.status).toBe(400);
    expect(await noSelfie.json()).toMatchObject({ error: { code: 'missing-selfie' } });

    for (const threshold of [null, '', 'abc', '1.5', '-0.1']) {
      const res = await post('v0.2', livenessForm(jpeg640, threshold));
      expect(res.status, `threshold ${threshold}`).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid-threshold' } });
    }
  });

  it('refuses a non-image and an image under the version minimum', async () => {
    const text = await post('v0.2', livenessForm(new TextEncoder().encode('not an image'), '0.6', 'image/jpeg'));
    expect(text.status).toBe(400);
    expect(await text.json()).toMatchObject({ error: { code: 'unsupported-image' } });

    const smallOnV01 = await post('v0.1', livenessForm(jpeg400));
    expect(smallOnV01.status).toBe(400);
    expect(await smallOnV01.json()).toMatchObject({ error: { code: 'image-too-small' } });

    const sameOnV02 = await post('v0.2', livenessForm(jpeg400));
    expect(sameOnV02.status).toBe(200);
  });

  it('accepts a PNG selfie and reports its size', async () => {
    const res = await post('v0.2', livenessForm(makePng(320, 480), '0.6', 'image/png'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_data: { img: { width: 320, height: 480 } } });
  });

  it('plays spoof, boundary, no-face and multi-face as 200 answers', async () => {
    const spoof = await (await post('v0.2', livenessForm(jpeg640), { 'x-sandbox-scenario': 'spoof' })).json();
    expect(spoof).toMatchObject({ response_data: { faces_liveness: SANDBOX_SPOOF_FACES_LIVENESS } });

    const boundary = await (
      await post('v0.2', livenessForm(jpeg640, '0.73'), { 'x-sandbox-scenario': 'boundary' })
    ).json();
    expect(boundary).toMatchObject({ response_data: { faces_liveness: 0.73 } });

    const noFace = await (await post('v0.2', livenessForm(jpeg640), { 'x-sandbox-scenario': 'no-face' })).json();
    expect(noFace).toMatchObject({ response_data: { faces_liveness: 0, faces_predicted: [] } });

    const multi = (await (
      await post('v0.2', livenessForm(jpeg640), { 'x-sandbox-scenario': 'multi-face' })
    ).json()) as {
      response_data: { faces_predicted: Array<{ top_left: { x: number }; delta: { x: number } }> };
    };
    const [left, right] = multi.response_data.faces_predicted;
    expect(multi.response_data.faces_predicted).toHaveLength(2);
    expect(left!.top_left.x + left!.delta.x).toBeLessThanOrEqual(right!.top_left.x);
    expect(right!.top_left.x + right!.delta.x).toBeLessThanOrEqual(640);
  });

  it('plays the 4xx face variants, quota and forced auth failures', async () => {
    const cases: Array<[string, number, string]> = [
      ['no-face-4xx', 400, 'no-face'],
      ['multi-face-4xx', 400, 'multiple-faces'],
      ['quota', 403, 'quota-exceeded'],
      ['auth-401', 401, 'auth-failed'],
      ['auth-403', 403, 'auth-failed'],
    ];
    for (const [scenario, status, code] of cases) {
      const res = await post('v0.2', livenessForm(jpeg640), { 'x-sandbox-scenario': scenario });
      expect(res.status, scenario).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code } });
    }
  });

  it('fails server-error-once on the first attempt per image, then succeeds', async () => {
    const once = { 'x-sandbox-scenario': 'server-error-once' };
    expect((await post('v0.2', livenessForm(jpeg640), once)).status).toBe(503);
    expect((await post('v0.2', livenessForm(jpeg640b), once)).status).toBe(503);
    expect((await post('v0.2', livenessForm(jpeg640), once)).status).toBe(200);
    expect((await post('v0.2', livenessForm(jpeg640b), once)).status).toBe(200);
    // A new retry cycle with the same image meets the failure again.
    expect((await post('v0.2', livenessForm(jpeg640), once)).status).toBe(503);
    expect(emulator.state.calls.map((call) => call.status)).toEqual([503, 503, 200, 200, 503]);
  });

  it('keeps failing in server-error and answers malformed bodies on request', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect((await post('v0.2', livenessForm(jpeg640), { 'x-sandbox-scenario': 'server-error' })).status).toBe(503);
    }
    const malformed = await post('v0.2', livenessForm(jpeg640), { 'x-sandbox-scenario': 'malformed-body' });
    expect(malformed.status).toBe(200);
    expect(await malformed.json()).not.toHaveProperty('response_data.faces_liveness');
    const html = await post('v0.2', livenessForm(jpeg640), { 'x-sandbox-scenario': 'not-json' });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('refuses an unknown scenario name', async () => {
    const res = await post('v0.2', livenessForm(jpeg640), { 'x-sandbox-scenario': 'spooof' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'unknown-scenario' } });
  });
});

describe('Kairos emulator configuration', () => {
  const form = (): FormData => livenessForm(jpeg640);

  async function request(options: KairosEmulatorOptions, headers: Record<string, string> = {}): Promise<Response> {
    const emulator = createKairosEmulatorApp(options);
    return emulator.app.request('/v0.2/liveness-verification', {
      method: 'POST',
      headers: { app_id: emulator.credentials.appId, app_key: emulator.credentials.appKey, ...headers },
      body: form(),
    });
  }

  it('uses the configured auth failure status', async () => {
    const emulator = createKairosEmulatorApp({ authFailureStatus: 403 });
    const res = await emulator.app.request('/v0.2/liveness-verification', {
      method: 'POST',
      headers: { app_id: 'x', app_key: 'y' },
      body: form(),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'auth-failed' } });
  });

  it('accepts the hyphenated headers when told to', async () => {
    const emulator = createKairosEmulatorApp({ rejectHyphenHeaders: false, credentials: { appId: 'a', appKey: 'k' } });
    const res = await emulator.app.request('/v0.2/liveness-verification', {
      method: 'POST',
      headers: { 'app-id': 'a', 'app-key': 'k' },
      body: form(),
    });
    expect(res.status).toBe(200);
  });

  it('plays the default scenario unless a request names another', async () => {
    expect(await (await request({ defaultScenario: 'spoof' })).json()).toMatchObject({
      response_data: { faces_liveness: SANDBOX_SPOOF_FACES_LIVENESS },
    });
    expect(await (await request({ defaultScenario: 'spoof' }, { 'x-sandbox-scenario': 'live' })).json()).toMatchObject({
      response_data: { faces_liveness: sandboxFacesLiveness(jpeg640) },
    });
  });

  it('answers 403 quota once the configured number of analyses is used', async () => {
    const emulator = createKairosEmulatorApp({ quotaRemaining: 1 });
    const send = async (): Promise<Response> =>
      emulator.app.request('/v0.1/liveness-verification', {
        method: 'POST',
        headers: { app_id: emulator.credentials.appId, app_key: emulator.credentials.appKey },
        body: form(),
      });
    expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'quota-exceeded' } });
    emulator.reset();
    expect((await send()).status).toBe(200);
  });

  it('uses the configured server error status and response code', async () => {
    expect((await request({ serverErrorStatus: 502 }, { 'x-sandbox-scenario': 'server-error' })).status).toBe(502);
    expect(await (await request({ responseCode: 1 })).json()).toMatchObject({ response_code: 1 });
  });

  it('writes requested_at and processed_at from its clock in UTC', async () => {
    const body = await (await request({ now: () => new Date('2024-05-02T10:14:07.900Z') })).json();
    expect(body).toMatchObject({ requested_at: '2024-05-02 10:14:07', processed_at: '2024-05-02 10:14:07' });
  });
});

describe('readImageSize', () => {
  it('reads JPEG and PNG sizes from their headers', () => {
    expect(readImageSize(jpeg(33, 17))).toEqual({ format: 'jpeg', width: 33, height: 17 });
    expect(readImageSize(makePng(5, 7))).toEqual({ format: 'png', width: 5, height: 7 });
  });

  it('returns null for other bytes and truncated headers', () => {
    expect(readImageSize(new TextEncoder().encode('GIF89a……'))).toBeNull();
    expect(readImageSize(jpeg640.subarray(0, 20))).toBeNull();
    expect(readImageSize(new Uint8Array())).toBeNull();
  });
});
