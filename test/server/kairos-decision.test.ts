import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  decideKairosLiveness,
  kairosApiVersion,
  kairosStatusAction,
  readKairosLivenessBody,
  selfieSizeProblem,
  type KairosLivenessResponse,
} from '../../src/server/providers/kairos/index.js';

const face = { confidence: 0.99, top_left: { x: 100, y: 80 }, delta: { x: 200, y: 260 } };

function response(facesLiveness: number, faces = [face], responseCode: number | string = 2): KairosLivenessResponse {
  return {
    api_req_uid: 'uid-1',
    requested_at: '2024-05-02 10:14:07',
    processed_at: '2024-05-02 10:14:08',
    response_code: responseCode,
    response_data: { faces_liveness: facesLiveness, faces_predicted: faces, img: { width: 640, height: 640 } },
  };
}

describe('kairosApiVersion', () => {
  it('reads the version from the last path segment', () => {
    expect(kairosApiVersion('https://idv-eu.kairos.com/v0.1')).toBe('v0.1');
    expect(kairosApiVersion('http://127.0.0.1:1234/v0.2/')).toBe('v0.2');
    expect(kairosApiVersion('https://proxy.example/kairos/v0.2')).toBe('v0.2');
  });

  it('returns null for a URL without a known version or an invalid URL', () => {
    expect(kairosApiVersion('https://idv-eu.kairos.com')).toBeNull();
    expect(kairosApiVersion('https://idv-eu.kairos.com/v0.3')).toBeNull();
    expect(kairosApiVersion('https://idv-eu.kairos.com/v0.2/liveness-verification')).toBeNull();
    expect(kairosApiVersion('not a url')).toBeNull();
  });
});

describe('selfieSizeProblem', () => {
  it('v0.1 needs both sides at least 480 px', () => {
    expect(selfieSizeProblem('v0.1', { width: 480, height: 480 })).toBeNull();
    expect(selfieSizeProblem('v0.1', { width: 640, height: 479 })).toMatch(/480x480/);
    expect(selfieSizeProblem('v0.1', { width: 479, height: 2000 })).toMatch(/v0\.1 minimum/);
  });

  it('v0.2 needs the shorter side at least 300 px and no side over 5000 px', () => {
    expect(selfieSizeProblem('v0.2', { width: 300, height: 400 })).toBeNull();
    expect(selfieSizeProblem('v0.2', { width: 5000, height: 300 })).toBeNull();
    expect(selfieSizeProblem('v0.2', { width: 299, height: 4000 })).toMatch(/v0\.2 minimum of 300/);
    expect(selfieSizeProblem('v0.2', { width: 600, height: 5001 })).toMatch(/v0\.2 maximum of 5000/);
  });
});

describe('kairosStatusAction', () => {
  it('reads the body only for 200', () => {
    expect(kairosStatusAction(200)).toEqual({ action: 'read-body' });
  });

  it('retries every 5xx', () => {
    for (const status of [500, 502, 503, 504, 599]) expect(kairosStatusAction(status)).toEqual({ action: 'retry' });
  });

  it('maps 403 (and 429) to quota, 401 to auth, other 4xx to rejected, never retried', () => {
    expect(kairosStatusAction(403)).toMatchObject({ action: 'fail', code: 'provider-quota' });
    expect(kairosStatusAction(403, '{"error":"usage limit exceeded"}')).toMatchObject({ code: 'provider-quota' });
    expect(kairosStatusAction(403, 'Monthly plan quota reached')).toMatchObject({ code: 'provider-quota' });
    expect(kairosStatusAction(429)).toMatchObject({ action: 'fail', code: 'provider-quota' });
    expect(kairosStatusAction(401)).toMatchObject({ action: 'fail', code: 'provider-auth' });
    for (const status of [400, 404, 413, 415, 422]) {
      expect(kairosStatusAction(status)).toMatchObject({ action: 'fail', code: 'provider-rejected' });
    }
  });

  it('maps a 403 whose body speaks of credentials or keys to provider-auth', () => {
    for (const body of [
      '{"error":{"code":"auth-failed","message":"invalid app_id or app_key"}}',
      'Invalid credentials',
      '{"Errors":[{"ErrCode":3003,"Message":"API key is invalid"}]}',
      'Unauthorized',
      'app-key missing',
    ]) {
      expect(kairosStatusAction(403, body), body).toMatchObject({ action: 'fail', code: 'provider-auth' });
    }
  });

  it('treats other 2xx and 3xx answers as a protocol break', () => {
    expect(kairosStatusAction(201)).toMatchObject({ action: 'fail', code: 'provider-protocol' });
    expect(kairosStatusAction(304)).toMatchObject({ action: 'fail', code: 'provider-protocol' });
  });
});

describe('readKairosLivenessBody', () => {
  it('accepts the documented §2.2 body', () => {
    const reading = readKairosLivenessBody(JSON.stringify(response(0.91)));
    expect(reading).toEqual({ ok: true, response: response(0.91) });
  });

  it('accepts a body without the optional timestamps, response_code and img', () => {
    const reading = readKairosLivenessBody(
      JSON.stringify({ api_req_uid: 'u', response_data: { faces_liveness: 0.7, faces_predicted: [] } }),
    );
    expect(reading.ok).toBe(true);
  });

  it('refuses non-JSON, a missing score, a score outside 0..1 and a score array', () => {
    expect(readKairosLivenessBody('<html></html>')).toEqual({ ok: false, problem: 'the 200 body is not JSON' });
    const noScore = { api_req_uid: 'u', response_data: { faces_predicted: [] } };
    expect(readKairosLivenessBody(JSON.stringify(noScore))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('response_data.faces_liveness'),
    });
    for (const faces_liveness of [1.2, -0.1, [0.9], '0.9']) {
      const body = { api_req_uid: 'u', response_data: { faces_liveness, faces_predicted: [] } };
      expect(readKairosLivenessBody(JSON.stringify(body)).ok).toBe(false);
    }
  });

  it('requires only a numeric faces_liveness and an array faces_predicted', () => {
    // No request id, faces without delta, the async spelling api_req_uuid, unknown fields: all fine.
    expect(
      readKairosLivenessBody(JSON.stringify({ response_data: { faces_liveness: 0.9, faces_predicted: [] } })).ok,
    ).toBe(true);
    const variant = {
      api_req_uuid: 'uuid-1',
      api_version: '0.2',
      response_code: { unexpected: true },
      response_data: {
        faces_liveness: 0.9,
        faces_predicted: [{ confidence: 0.98, top_left: { x: 1, y: 2 } }],
        quality: 'ok',
      },
    };
    expect(readKairosLivenessBody(JSON.stringify(variant))).toMatchObject({
      ok: true,
      response: { api_req_uuid: 'uuid-1', response_data: { faces_liveness: 0.9 } },
    });
    expect(
      readKairosLivenessBody(JSON.stringify({ api_req_uid: 'u', response_data: { faces_liveness: 0.9 } })).ok,
    ).toBe(false);
    expect(
      readKairosLivenessBody(
        JSON.stringify({ api_req_uid: 'u', response_data: { faces_liveness: 0.9, faces_predicted: {} } }),
      ).ok,
    ).toBe(false);
  });
});

describe('decideKairosLiveness', () => {
  it('is live at or above the threshold and spoof below it', () => {
    expect(decideKairosLiveness(response(0.91), 0.6)).toEqual({
      decision: 'live',
      reason: 'faces_liveness 0.91 >= threshold 0.6',
    });
    expect(decideKairosLiveness(response(0.6), 0.6).decision).toBe('live');
    expect(decideKairosLiveness(response(0.5999), 0.6)).toEqual({
      decision: 'spoof',
      reason: 'faces_liveness 0.5999 < threshold 0.6',
    });
  });

  it('never consults response_code', () => {
    for (const code of [0, 1, 2, 'x']) {
      expect(decideKairosLiveness(response(0.9, [face], code), 0.6).decision).toBe('live');
      expect(decideKairosLiveness(response(0.1, [face], code), 0.6).decision).toBe('spoof');
    }
  });

  it('fails closed without exactly one face, whatever the score', () => {
    expect(decideKairosLiveness(response(0.95, []), 0.6)).toEqual({
      decision: 'spoof',
      reason: 'no face found by Kairos',
    });
    const several = decideKairosLiveness(response(0.95, [face, face]), 0.6);
    expect(several.decision).toBe('spoof');
    expect(several.reason).toMatch(/2 faces/);
  });
});

describe('backoffDelayMs', () => {
  it('draws a full-jitter wait below base * 2^(retry - 1)', () => {
    expect(backoffDelayMs(1, 500, () => 0)).toBe(0);
    expect(backoffDelayMs(1, 500, () => 0.5)).toBe(250);
    expect(backoffDelayMs(2, 500, () => 0.5)).toBe(500);
    expect(backoffDelayMs(3, 500, () => 0.999)).toBe(1998);
  });
});
