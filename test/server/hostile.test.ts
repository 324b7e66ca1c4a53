/**
 * Hostile input, generated: hundreds of malformed, truncated, oversized, forged and booby-trapped requests. Every
 * one must get a 4xx JSON error with a stable code (never a 5xx), the process must keep serving, and nothing may be
 * stored: afterwards the store holds no check and no media, and the capture token still works for a valid upload.
 *
 * The cases come from a seeded PRNG: a failure names its case, and HOSTILE_SEED=<n> replays another set.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/node/serve.js';
import { createLivenessBackend, type LivenessBackend } from '../../src/server/app.js';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from '../../src/server/errors.js';
import { createMemoryStore, type MemoryStore } from '../../src/server/store/memory.js';
import type { Store } from '../../src/server/store/types.js';
import type { CaptureMode, CaptureReport } from '../../src/shared/media.js';
import { tagsForMode } from '../../src/shared/media.js';
import {
  API_KEY,
  BASE,
  TOKEN_SECRET,
  createSession,
  fakeAdapter,
  jpeg,
  mp4,
  png,
  recordingLogger,
  report,
  testConfig,
  tokenId,
  type RecordingLogger,
} from './support/backend.js';
import {
  b64url,
  buildZip,
  concat,
  crc32,
  multipartBody,
  rawJwt,
  seededRandom,
  type Part,
  type ZipEntrySpec,
} from './support/hostile.js';

const SEED = Number(process.env['HOSTILE_SEED'] ?? 0x1eaf);
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const rand = seededRandom(SEED);

// ---------------------------------------------------------------------------------------------------------------
// The backend under attack: real validation on the worker pool, fake providers (never reached), no rate limits in
// the way (they would turn refusals into 429s and hide what is being tested).

let backend: LivenessBackend;
let store: MemoryStore;
let logger: RecordingLogger;
let writes: Map<string, number>;
let sessionId: string;
let captureToken: string;
let sessionExpiresAt: number;

/** Store calls that write (deleteSession is left out: the DELETE cases call it, for sessions that do not exist). */
const MUTATIONS = [
  'createSession',
  'acceptCheck',
  'saveCheckpoint',
  'recordProviderResult',
  'completeCheck',
  'recordWebhookAttempt',
] as const;

/** Counts every call that would write to the store. */
function countingWrites(target: MemoryStore): { store: Store; writes: Map<string, number> } {
  const counts = new Map<string, number>();
  const proxy = new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (
        typeof property === 'string' &&
        (MUTATIONS as readonly string[]).includes(property) &&
        typeof value === 'function'
      ) {
        return (...args: unknown[]) => {
          counts.set(property, (counts.get(property) ?? 0) + 1);
          return (value as (...inner: unknown[]) => unknown).apply(object, args);
        };
      }
      return value;
    },
  });
  return { store: proxy, writes: counts };
}

beforeAll(async () => {
  store = await createMemoryStore();
  logger = recordingLogger();
  const counted = countingWrites(store);
  backend = createLivenessBackend({
    config: testConfig({
      LIVENESS_UPLOAD_WORKERS: '1',
      LIVENESS_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
      LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE: '1000000',
      LIVENESS_RATE_LIMIT_SESSION_PER_MINUTE: '1000000',
    }),
    adapters: [fakeAdapter('oz'), fakeAdapter('kairos')],
    store: counted.store,
    logger,
  });
  const session = await createSession(backend, { ttlSeconds: 3600 });
  ({ sessionId, captureToken } = session);
  sessionExpiresAt = Math.floor(Date.parse(session.expiresAt) / 1000);
  counted.writes.clear();
  writes = counted.writes;
});
afterAll(async () => {
  await backend.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Valid building blocks, which each case breaks in one way.

const IMAGE = jpeg(300, 400);
const SMALL_FRAME = (seed: number) => jpeg(300, 300, 'smooth', seed);
const PNG_IMAGE = png(300, 400, 'smooth');
const BOUNDARY = '----hostile-boundary-7MA4YWxkTrZu0gW';

const reportFor = (mode: CaptureMode, overrides: Partial<CaptureReport> = {}): CaptureReport =>
  report(mode, { tags: tagsForMode(mode, 'portrait'), frameCount: 1, ...overrides });

function mediaPart(data: Uint8Array, contentType = 'image/jpeg', filename = 'capture.jpg'): Part {
  return { name: 'media', filename, contentType, data };
}
function reportPart(value: CaptureReport | string): Part {
  return { name: 'report', data: typeof value === 'string' ? value : JSON.stringify(value) };
}

function uploadRequest(
  parts: readonly Part[],
  options: {
    authorization?: string | null;
    contentType?: string;
    body?: RequestInit['body'];
    headers?: Record<string, string>;
  } = {},
): Request {
  const headers = new Headers(options.headers);
  const authorization = options.authorization === undefined ? `Bearer ${captureToken}` : options.authorization;
  if (authorization !== null) headers.set('authorization', authorization);
  headers.set('content-type', options.contentType ?? `multipart/form-data; boundary=${BOUNDARY}`);
  return new Request(`${BASE}/checks`, {
    method: 'POST',
    body: options.body ?? multipartBody(parts, BOUNDARY),
    headers,
  });
}

const imageUpload = (media: Uint8Array, reportValue: CaptureReport | string = reportFor('image')) => [
  mediaPart(media),
  reportPart(reportValue),
];
const shotsetUpload = (zip: Uint8Array, frameCount = 2) => [
  mediaPart(zip, 'application/zip', 'shotset.zip'),
  reportPart(reportFor('shotset', { frameCount })),
];
const VALID_UPLOAD = imageUpload(IMAGE);

function api(path: string, init: RequestInit & { key?: string | null } = {}): Request {
  const headers = new Headers(init.headers);
  const key = init.key === undefined ? API_KEY : init.key;
  if (key !== null) headers.set('authorization', `Bearer ${key}`);
  return new Request(`${BASE}${path}`, { ...init, headers });
}

// ---------------------------------------------------------------------------------------------------------------
// Byte-level corruptions

function withJpegSize(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const copy = bytes.slice();
  for (let offset = 2; offset + 9 < copy.length;) {
    const marker = copy[offset + 1]!;
    if (marker >= 0xc0 && marker <= 0xc3) {
      copy[offset + 5] = (height >> 8) & 0xff;
      copy[offset + 6] = height & 0xff;
      copy[offset + 7] = (width >> 8) & 0xff;
      copy[offset + 8] = width & 0xff;
      return copy;
    }
    offset += 2 + ((copy[offset + 2]! << 8) | copy[offset + 3]!);
  }
  throw new Error('no SOF in the test JPEG');
}

function withPngSize(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(16, width >>> 0);
  view.setUint32(20, height >>> 0);
  return copy;
}

/** The IDAT payload replaced by noise of the same length (the chunk CRC no longer matches either). */
function withGarbledIdat(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (let offset = 8; offset + 8 <= copy.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...copy.subarray(offset + 4, offset + 8));
    if (type === 'IDAT') {
      copy.set(rand.bytes(length), offset + 8);
      return copy;
    }
    offset += 12 + length;
  }
  throw new Error('no IDAT in the test PNG');
}

function webpHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(30);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('RIFF'), 0);
  view.setUint32(4, 22, true);
  bytes.set(new TextEncoder().encode('WEBPVP8X'), 8);
  view.setUint32(16, 10, true);
  const w = width - 1;
  const h = height - 1;
  bytes.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 24);
  return bytes;
}

const ascii = (text: string) => new TextEncoder().encode(text);
/** Where a baseline JPEG's entropy-coded scan lies: after the SOS segment, up to the EOI marker at the end. */
function scanOf(bytes: Uint8Array): { start: number; end: number } {
  let offset = 2;
  while (bytes[offset] === 0xff && bytes[offset + 1] !== 0xda)
    offset += 2 + ((bytes[offset + 2]! << 8) | bytes[offset + 3]!);
  if (bytes[offset + 1] !== 0xda) throw new Error('no SOS segment in the test image');
  return { start: offset + 2 + ((bytes[offset + 2]! << 8) | bytes[offset + 3]!), end: bytes.length - 2 };
}
const truncate = (bytes: Uint8Array, keep: number): Uint8Array<ArrayBuffer> =>
  new Uint8Array(bytes.subarray(0, Math.max(0, Math.min(keep, bytes.length - 1))));
const frames = (count: number): ZipEntrySpec[] =>
  Array.from({ length: count }, (_, index) => ({ name: `frame-${index}.jpg`, data: SMALL_FRAME(index) }));
const VALID_ZIP = buildZip({ entries: frames(2) });

// ---------------------------------------------------------------------------------------------------------------
// Cases

interface HostileCase {
  name: string;
  request: () => Request;
  /** The codes this case may get; any stable 4xx code when omitted. */
  codes?: readonly ErrorCode[];
}

const cases: Record<string, HostileCase[]> = {};
function add(family: string, name: string, request: () => Request, codes?: readonly ErrorCode[]): void {
  (cases[family] ??= []).push({
    name: `${family} #${(cases[family]?.length ?? 0) + 1}: ${name}`,
    request,
    ...(codes ? { codes } : {}),
  });
}

const now = () => Math.floor(Date.now() / 1000);
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: sessionId,
    jti: crypto.randomUUID(),
    aud: 'liveness-check',
    iss: 'liveness-backend',
    iat: now(),
    exp: sessionExpiresAt,
    origins: [],
    ...overrides,
  };
}
const HS256 = { alg: 'HS256', typ: 'JWT' };
const signed = (header: unknown, payload: unknown, key = TOKEN_SECRET, hash?: 'sha384' | 'sha512') =>
  rawJwt(header, payload, { key, ...(hash ? { hash } : {}) });
const bearer = (token: string) => `Bearer ${token}`;
/** A valid upload carrying `token`: only the credential is wrong. */
function addToken(
  family: string,
  name: string,
  token: () => string,
  codes: readonly ErrorCode[] = ['token-invalid'],
): void {
  add(family, name, () => uploadRequest(VALID_UPLOAD, { authorization: bearer(token()) }), codes);
}
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// Authorization on the widget route (the body is a valid upload, so only the credential is wrong).
{
  const family = 'capture token';
  add(family, 'no Authorization header', () => uploadRequest(VALID_UPLOAD, { authorization: null }), ['token-missing']);
  for (const header of [
    '',
    'Basic dXNlcjpwYXNz',
    'Token abc',
    'Bearer',
    'Bearer    ',
    'Bearer a b',
    'Digest x=1',
    'BearerX abc',
    'bearer\tabc',
  ]) {
    add(
      family,
      `Authorization ${JSON.stringify(header)}`,
      () => uploadRequest(VALID_UPLOAD, { authorization: header }),
      ['token-missing'],
    );
  }
  for (let index = 0; index < 40; index += 1) {
    const token = rand.text(rand.int(1, 600));
    add(
      family,
      `random token of ${token.length} chars`,
      () => uploadRequest(VALID_UPLOAD, { authorization: bearer(token) }),
      ['token-invalid'],
    );
  }
  for (let index = 0; index < 20; index += 1) {
    const share = rand.next();
    add(
      family,
      `truncated token (${Math.round(share * 100)} %)`,
      () =>
        uploadRequest(VALID_UPLOAD, {
          authorization: bearer(captureToken.slice(0, Math.max(1, Math.floor(captureToken.length * share)))),
        }),
      ['token-invalid'],
    );
  }
  for (let index = 0; index < 25; index += 1) {
    const pick = rand.next();
    const replacement = rand.int(0, 63);
    add(
      family,
      `one character changed (${pick.toFixed(3)})`,
      () => {
        // Never the last character of a segment: its low bits may be padding, and changing those changes nothing.
        const positions = Array.from(captureToken, (_char, at) => at).filter(
          (at) => captureToken[at] !== '.' && captureToken[at + 1] !== '.' && at !== captureToken.length - 1,
        );
        const at = positions[Math.floor(pick * positions.length)]!;
        const current = captureToken[at]!;
        const next = BASE64URL[replacement] === current ? BASE64URL[(replacement + 1) % 64]! : BASE64URL[replacement]!;
        return uploadRequest(VALID_UPLOAD, {
          authorization: bearer(`${captureToken.slice(0, at)}${next}${captureToken.slice(at + 1)}`),
        });
      },
      ['token-invalid'],
    );
  }
  for (let index = 0; index < 10; index += 1) {
    const secret = rand.text(rand.int(1, 80));
    add(
      family,
      `forged with another secret (${secret.length} chars)`,
      () => uploadRequest(VALID_UPLOAD, { authorization: bearer(signed(HS256, claims(), secret)) }),
      ['token-invalid'],
    );
  }
  for (const age of [1, 60, 3600, 86_400 * 365]) {
    add(
      family,
      `expired ${age} s ago`,
      () =>
        uploadRequest(VALID_UPLOAD, {
          authorization: bearer(signed(HS256, claims({ exp: now() - age, iat: now() - age - 300 }))),
        }),
      ['token-expired'],
    );
  }
  for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
    addToken(family, `alg ${alg}, no signature`, () => rawJwt({ alg, typ: 'JWT' }, claims(), { signature: '' }));
    addToken(family, `alg ${alg}, HMAC signature kept`, () => signed({ alg, typ: 'JWT' }, claims()));
  }
  for (const typ of ['at+jwt', 'JWS', 'JWE', 'jwt+x', 'application/json', '', 'secevent+jwt']) {
    addToken(family, `typ ${JSON.stringify(typ)}`, () => signed({ alg: 'HS256', typ }, claims()));
  }
  addToken(family, 'no typ', () => signed({ alg: 'HS256' }, claims()));
  addToken(family, 'HS384 with the right key', () =>
    signed({ alg: 'HS384', typ: 'JWT' }, claims(), TOKEN_SECRET, 'sha384'),
  );
  addToken(family, 'HS512 with the right key', () =>
    signed({ alg: 'HS512', typ: 'JWT' }, claims(), TOKEN_SECRET, 'sha512'),
  );
  for (const alg of ['RS256', 'ES256', 'PS256', 'EdDSA', 'hs256']) {
    addToken(family, `alg ${alg} over an HMAC signature (confusion)`, () => signed({ alg, typ: 'JWT' }, claims()));
  }
  const badClaims: Array<[string, () => Record<string, unknown>]> = [
    ['no sub', () => ({ ...claims(), sub: undefined })],
    ['no jti', () => ({ ...claims(), jti: undefined })],
    ['no exp', () => ({ ...claims(), exp: undefined })],
    ['sub a number', () => claims({ sub: 42 })],
    ['jti a number', () => claims({ jti: 7 })],
    ['exp a string', () => claims({ exp: String(sessionExpiresAt) })],
    ['origins a string', () => claims({ origins: 'https://evil.example' })],
    ['origins with a number', () => claims({ origins: [1] })],
    ['another audience', () => claims({ aud: 'someone-else' })],
    ['audience list without ours', () => claims({ aud: ['a', 'b'] })],
    ['another issuer', () => claims({ iss: 'https://attacker.example' })],
    ['not valid before next year', () => claims({ nbf: now() + 86_400 * 365 })],
  ];
  for (const [name, payload] of badClaims) addToken(family, name, () => signed(HS256, payload()));
  addToken(family, 'unknown critical header', () => signed({ ...HS256, crit: ['exp-v2'], 'exp-v2': 1 }, claims()));
  for (const payload of ['[]', '"a string"', '42', 'null', 'not json', '{"sub":']) {
    addToken(family, `payload ${payload}`, () => signed(HS256, payload));
  }
  addToken(
    family,
    'header not JSON',
    () => `${b64url('{alg:HS256')}.${captureToken.split('.')[1]}.${captureToken.split('.')[2]}`,
  );
  addToken(family, 'two segments', () => captureToken.split('.').slice(0, 2).join('.'));
  addToken(family, 'four segments', () => `${captureToken}.${captureToken.split('.')[2]}`);
  addToken(
    family,
    'JWE shape (five segments)',
    () => `${b64url('{"alg":"dir","enc":"A256GCM"}')}..${b64url('iv')}.${b64url('ct')}.${b64url('tag')}`,
  );
  addToken(family, 'padded base64', () =>
    captureToken
      .split('.')
      .map((part) => `${part}==`)
      .join('.'),
  );
  addToken(family, 'standard base64 characters', () => captureToken.replaceAll('-', '+').replaceAll('_', '/') + '+/');
  addToken(family, '200 KB token', () => `${'a'.repeat(100_000)}.${'b'.repeat(100_000)}.c`);
  addToken(family, 'the API key as a capture token', () => API_KEY);
  addToken(family, 'genuine signature, unknown session', () => signed(HS256, claims({ sub: crypto.randomUUID() })), [
    'not-found',
  ]);
  addToken(family, 'genuine signature, session id with a path', () => signed(HS256, claims({ sub: '../../journal' })), [
    'not-found',
  ]);
}

// The integrator's routes.
{
  const family = 'api key routes';
  add(family, 'POST /sessions without a key', () => api('/sessions', { method: 'POST', key: null }), [
    'api-key-missing',
  ]);
  add(family, 'POST /sessions with the capture token', () => api('/sessions', { method: 'POST', key: captureToken }), [
    'api-key-invalid',
  ]);
  add(
    family,
    'POST /sessions with the key and a character more',
    () => api('/sessions', { method: 'POST', key: `${API_KEY}x` }),
    ['api-key-invalid'],
  );
  add(
    family,
    'POST /sessions with a key prefix',
    () => api('/sessions', { method: 'POST', key: API_KEY.slice(0, -1) }),
    ['api-key-invalid'],
  );
  add(
    family,
    'POST /sessions with the key upper-cased',
    () => api('/sessions', { method: 'POST', key: API_KEY.toUpperCase() }),
    ['api-key-invalid'],
  );
  for (let index = 0; index < 15; index += 1) {
    const key = rand.text(rand.int(1, 300));
    add(
      family,
      `POST /sessions with a random key of ${key.length} chars`,
      () => api('/sessions', { method: 'POST', key }),
      ['api-key-invalid'],
    );
  }
  const bodies: Array<[string, string]> = [
    ['not JSON', 'reference=order-1'],
    ['truncated JSON', '{"reference":"order-1"'],
    ['an array', '[]'],
    ['a number', '42'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['an unknown key', '{"admin":true}'],
    ['__proto__ key', '{"__proto__":{"polluted":true}}'],
    ['constructor key', '{"constructor":{"prototype":{"polluted":true}}}'],
    ['empty reference', '{"reference":""}'],
    ['reference of 257 chars', JSON.stringify({ reference: 'r'.repeat(257) })],
    ['reference a number', '{"reference":42}'],
    ['negative ttl', '{"ttlSeconds":-5}'],
    ['zero ttl', '{"ttlSeconds":0}'],
    ['fractional ttl', '{"ttlSeconds":1.5}'],
    ['ttl as a string', '{"ttlSeconds":"60"}'],
    ['infinite ttl', '{"ttlSeconds":1e400}'],
    ['no origins', '{"allowedOrigins":[]}'],
    ['javascript: origin', '{"allowedOrigins":["javascript:alert(1)"]}'],
    ['origin with a path', '{"allowedOrigins":["https://shop.example/path"]}'],
    ['origin with a wildcard', '{"allowedOrigins":["https://*.example"]}'],
    ['origins not a list', '{"allowedOrigins":"https://shop.example"}'],
    [
      '21 origins',
      JSON.stringify({ allowedOrigins: Array.from({ length: 21 }, (_, index) => `https://s${index}.example`) }),
    ],
    ['scenario for an unknown provider', '{"sandboxScenario":{"acme":"live"}}'],
    ['upper-case scenario', '{"sandboxScenario":{"oz":"SPOOF"}}'],
    ['empty scenario', '{"sandboxScenario":{"oz":""}}'],
    ['scenario with a shell', '{"sandboxScenario":{"oz":"live; rm -rf /"}}'],
    ['scenario with CRLF', '{"sandboxScenario":{"kairos":"live\\r\\nx-evil: 1"}}'],
    ['scenario of 65 chars', JSON.stringify({ sandboxScenario: { oz: `s${'a'.repeat(64)}` } })],
    ['scenario a number', '{"sandboxScenario":{"oz":5}}'],
    ['scenario a list', '{"sandboxScenario":["oz"]}'],
    ['deeply nested reference', `{"reference":${'['.repeat(20_000)}${']'.repeat(20_000)}}`],
    ['deeply nested unknown key', `{"x":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`],
  ];
  for (const [name, body] of bodies) {
    add(
      family,
      `POST /sessions body: ${name}`,
      () => api('/sessions', { method: 'POST', body, headers: { 'content-type': 'application/json' } }),
      ['invalid-request'],
    );
  }
  add(
    family,
    'POST /sessions body over 64 KiB',
    () => api('/sessions', { method: 'POST', body: JSON.stringify({ reference: 'r'.repeat(70_000) }) }),
    ['payload-too-large'],
  );
  for (let index = 0; index < 10; index += 1) {
    const id = encodeURIComponent(rand.text(rand.int(1, 200)));
    add(family, `GET /sessions/<random>/result`, () => api(`/sessions/${id}/result`), ['not-found']);
  }
  for (const id of ['..%2F..%2Fjournal.jsonl', '%00', '%2e%2e', 'x'.repeat(4_000), '%F0%9F%92%A5']) {
    add(family, `GET /sessions/${id.slice(0, 30)}/result`, () => api(`/sessions/${id}/result`), ['not-found']);
    add(family, `DELETE /sessions/${id.slice(0, 30)}`, () => api(`/sessions/${id}`, { method: 'DELETE' }), [
      'not-found',
    ]);
  }
  add(family, 'GET a result with a random key', () => api(`/sessions/${sessionId}/result`, { key: rand.text(40) }), [
    'api-key-invalid',
  ]);
  add(
    family,
    'DELETE a session with the capture token',
    () => api(`/sessions/${sessionId}`, { method: 'DELETE', key: captureToken }),
    ['api-key-invalid'],
  );
  add(
    family,
    'DELETE with a body',
    () => api(`/sessions/${sessionId}`, { method: 'DELETE', body: 'x'.repeat(70_000) }),
    ['payload-too-large'],
  );
  for (const body of ['{"analyse_id":', 'garbage', '\u0000\u0001']) {
    add(
      family,
      `POST /webhooks/oz ${JSON.stringify(body)}`,
      () => new Request(`${BASE}/webhooks/oz`, { method: 'POST', body }),
      ['invalid-request'],
    );
  }
  add(
    family,
    'POST /webhooks/oz over 256 KiB',
    () => new Request(`${BASE}/webhooks/oz`, { method: 'POST', body: `"${'x'.repeat(300_000)}"` }),
    ['payload-too-large'],
  );
  for (let index = 0; index < 5; index += 1) {
    const id = encodeURIComponent(rand.text(rand.int(1, 80)));
    add(
      family,
      'GET /checks/<random> with the capture token',
      () => new Request(`${BASE}/checks/${id}`, { headers: { authorization: bearer(captureToken) } }),
      ['not-found'],
    );
  }
  add(
    family,
    'GET /checks/<id> with a forged token',
    () =>
      new Request(`${BASE}/checks/x`, { headers: { authorization: bearer(signed(HS256, claims(), 'forged-secret')) } }),
    ['token-invalid'],
  );
}

// The multipart envelope of POST /checks.
{
  const family = 'multipart';
  const valid = multipartBody(VALID_UPLOAD, BOUNDARY);
  for (const contentType of [
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/mixed; boundary=x',
    'multipart/form-data',
    'image/jpeg',
    '',
  ]) {
    add(family, `content type ${JSON.stringify(contentType)}`, () => uploadRequest([], { contentType, body: valid }), [
      'unsupported-media-type',
    ]);
  }
  add(
    family,
    'empty boundary',
    () => uploadRequest([], { contentType: 'multipart/form-data; boundary=', body: valid }),
    ['invalid-request'],
  );
  add(
    family,
    'no boundary parameter',
    () => uploadRequest([], { contentType: 'multipart/form-data; charset=utf-8', body: valid }),
    ['invalid-request'],
  );
  for (let index = 0; index < 5; index += 1) {
    const other = `other-${rand.text(20).replace(/[^A-Za-z0-9]/g, 'x')}`;
    add(
      family,
      'boundary differs from the body',
      () => uploadRequest([], { contentType: `multipart/form-data; boundary=${other}`, body: valid }),
      ['invalid-request'],
    );
  }
  for (let index = 0; index < 10; index += 1) {
    const garbage = rand.bytes(rand.int(0, 50_000));
    add(family, `binary garbage body (${garbage.length} bytes)`, () => uploadRequest([], { body: garbage }), [
      'invalid-request',
    ]);
  }
  for (let index = 0; index < 12; index += 1) {
    // The report is the last part, so every cut damages at least it.
    const body = multipartBody([mediaPart(IMAGE), reportPart(reportFor('image'))], BOUNDARY);
    const keep = rand.int(1, body.length - 60);
    add(family, `body cut at byte ${keep} of ${body.length}`, () => uploadRequest([], { body: body.slice(0, keep) }));
  }
  add(family, 'no media part', () => uploadRequest([reportPart(reportFor('image'))]), ['invalid-request']);
  add(family, 'no report part', () => uploadRequest([mediaPart(IMAGE)]), ['invalid-report']);
  add(
    family,
    'two media parts',
    () => uploadRequest([mediaPart(IMAGE), mediaPart(IMAGE), reportPart(reportFor('image'))]),
    ['invalid-request'],
  );
  add(family, 'two report parts', () => uploadRequest([...VALID_UPLOAD, reportPart(reportFor('image'))]), [
    'invalid-request',
  ]);
  add(
    family,
    'two selfie parts',
    () =>
      uploadRequest([
        ...VALID_UPLOAD,
        { name: 'selfie', filename: 's.jpg', data: IMAGE },
        { name: 'selfie', filename: 's.jpg', data: IMAGE },
      ]),
    ['invalid-request'],
  );
  add(
    family,
    'media as a text field',
    () => uploadRequest([{ name: 'media', data: 'AAAA' }, reportPart(reportFor('image'))]),
    ['invalid-request'],
  );
  add(
    family,
    'media as a text field and a file',
    () => uploadRequest([{ name: 'media', data: 'AAAA' }, mediaPart(IMAGE), reportPart(reportFor('image'))]),
    ['invalid-request'],
  );
  add(family, 'empty media file', () => uploadRequest([mediaPart(new Uint8Array(0)), reportPart(reportFor('image'))]), [
    'invalid-request',
  ]);
  add(family, 'selfie as a text field', () => uploadRequest([...VALID_UPLOAD, { name: 'selfie', data: 'x' }]), [
    'invalid-request',
  ]);
  add(
    family,
    'report of 70 KB',
    () => uploadRequest(imageUpload(IMAGE, JSON.stringify({ ...reportFor('image'), userAgent: 'u'.repeat(70_000) }))),
    ['invalid-report'],
  );
  add(
    family,
    'report as a file of binary garbage',
    () => uploadRequest([mediaPart(IMAGE), { name: 'report', filename: 'r.json', data: rand.bytes(500) }]),
    ['invalid-report'],
  );
  add(
    family,
    '3000 small fields and no media',
    () => uploadRequest(Array.from({ length: 3_000 }, (_, index) => ({ name: `f${index}`, data: 'x' }))),
    ['invalid-request'],
  );
  add(
    family,
    '3000 media files',
    () =>
      uploadRequest([...Array.from({ length: 3_000 }, () => mediaPart(ascii('x'))), reportPart(reportFor('image'))]),
    ['invalid-request'],
  );
  // Beside a good upload, any part that is not media, report or selfie is refused (it used to be ignored).
  add(
    family,
    '2000 junk fields beside a good upload',
    () =>
      uploadRequest([
        ...VALID_UPLOAD,
        ...Array.from({ length: 2_000 }, (_, index) => ({ name: `junk${index}`, data: 'x' })),
      ]),
    ['invalid-request'],
  );
  add(
    family,
    'one unknown field beside a good upload',
    () => uploadRequest([...VALID_UPLOAD, { name: 'debug', data: 'true' }]),
    ['invalid-request'],
  );
  add(
    family,
    'an unknown file part beside a good upload',
    () =>
      uploadRequest([
        ...VALID_UPLOAD,
        { name: 'thumbnail', filename: 't.jpg', contentType: 'image/jpeg', data: IMAGE },
      ]),
    ['invalid-request'],
  );
  add(
    family,
    'a part named like media in capitals beside a good upload',
    () => uploadRequest([...VALID_UPLOAD, { name: 'MEDIA', filename: 'x.jpg', data: IMAGE }]),
    ['invalid-request'],
  );
  for (const name of ['media"; filename="x', 'me\r\ndia', '媒体', '', 'media[]', 'MEDIA', ' media', 'media\u0000']) {
    add(family, `garbage under the part name ${JSON.stringify(name)}`, () =>
      uploadRequest([{ name, filename: 'x', data: rand.bytes(100) }, reportPart(reportFor('image'))]),
    );
  }
  add(
    family,
    `body over the limit (declared)`,
    () =>
      uploadRequest([], {
        body: new Uint8Array(MAX_UPLOAD_BYTES + 1),
        headers: { 'content-length': String(MAX_UPLOAD_BYTES + 1) },
      }),
    ['payload-too-large'],
  );
  add(
    family,
    `body over the limit (streamed, no length)`,
    () => {
      const chunk = new Uint8Array(64 * 1024);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > MAX_UPLOAD_BYTES + chunk.length) controller.close();
          else {
            sent += chunk.length;
            controller.enqueue(chunk);
          }
        },
      });
      return new Request(`${BASE}/checks`, {
        method: 'POST',
        body: stream,
        headers: { authorization: bearer(captureToken), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        duplex: 'half',
      });
    },
    ['payload-too-large'],
  );
  for (const key of ['k'.repeat(256), 'a b', 'a\u0001b', 'caf\u00e9', '', 'x\u007f']) {
    add(
      family,
      `Idempotency-Key ${JSON.stringify(key.slice(0, 20))}`,
      () => uploadRequest(VALID_UPLOAD, { headers: { 'idempotency-key': key } }),
      ['invalid-request'],
    );
  }
}

// The media part: what the bytes are, whatever they claim to be.
{
  const family = 'media';
  const imageCodes: ErrorCode[] = ['unsupported-media-type', 'image-undecodable'];
  for (let index = 0; index < 20; index += 1) {
    const garbage = rand.bytes(rand.int(1, 200_000));
    garbage[0] = rand.int(0x00, 0x0f); // never a magic number
    add(family, `random bytes (${garbage.length}) labelled image/jpeg`, () => uploadRequest(imageUpload(garbage)), [
      'unsupported-media-type',
    ]);
  }
  const impostors: Array<[string, Uint8Array]> = [
    ['GIF', concat([ascii('GIF89a'), rand.bytes(500)])],
    ['BMP', concat([ascii('BM'), rand.bytes(500)])],
    ['TIFF', concat([ascii('II*\u0000'), rand.bytes(500)])],
    ['PDF', ascii('%PDF-1.7\n1 0 obj <</JS (app.alert(1))>> endobj')],
    ['SVG with script', ascii('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['HTML', ascii('<!doctype html><script>alert(document.cookie)</script>')],
    ['ELF', concat([ascii('\u007fELF'), rand.bytes(500)])],
    ['Windows executable', concat([ascii('MZ'), rand.bytes(500)])],
    ['WAV', concat([ascii('RIFF'), new Uint8Array(4), ascii('WAVEfmt '), rand.bytes(100)])],
    ['WebP shorter than its header', concat([ascii('RIFF'), new Uint8Array(4), ascii('WEBPVP8 ')])],
    [
      'Matroska that is not WebM',
      concat([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88]), ascii('matroska'), rand.bytes(100)]),
    ],
    ['MP4 whose ftyp box overruns the file', new Uint8Array([0, 0, 0x10, 0, ...ascii('ftypisom'), 0, 0, 2, 0])],
    ['gzip', concat([new Uint8Array([0x1f, 0x8b, 8, 0]), rand.bytes(200)])],
    ['JSON', ascii(JSON.stringify(reportFor('image')))],
    ['JPEG magic only', new Uint8Array([0xff, 0xd8, 0xff])],
    ['PNG signature only', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ];
  for (const [name, bytes] of impostors)
    add(family, `${name} labelled image/jpeg`, () => uploadRequest(imageUpload(bytes)), imageCodes);
  for (let index = 0; index < 15; index += 1) {
    const keep = rand.int(0, IMAGE.length - 1);
    add(
      family,
      `JPEG cut at ${keep} of ${IMAGE.length}`,
      () => uploadRequest(imageUpload(truncate(IMAGE, keep))),
      imageCodes,
    );
  }
  for (let index = 0; index < 10; index += 1) {
    const keep = rand.int(0, PNG_IMAGE.length - 1);
    add(
      family,
      `PNG cut at ${keep} of ${PNG_IMAGE.length}`,
      () => uploadRequest(imageUpload(truncate(PNG_IMAGE, keep))),
      imageCodes,
    );
  }
  // Damage the decoder must see: the end marker is still there, so only reading the whole scan can tell.
  for (let index = 0; index < 8; index += 1) {
    const { start, end } = scanOf(IMAGE);
    const keep = rand.int(start + 16, end - Math.ceil((end - start) / 10));
    add(
      family,
      `JPEG scan cut at ${keep} of ${IMAGE.length}, end marker re-added`,
      () => uploadRequest(imageUpload(concat([IMAGE.subarray(0, keep), new Uint8Array([0xff, 0xd9])]))),
      ['image-undecodable'],
    );
  }
  for (let index = 0; index < 8; index += 1) {
    // A restart marker in a scan that declares no restart interval: the decoder must stop there.
    const { start, end } = scanOf(IMAGE);
    const at = rand.int(start + 16, end - 16);
    const marker = 0xd0 + rand.int(0, 7);
    add(
      family,
      `JPEG with a stray RST${marker - 0xd0} marker at ${at}`,
      () =>
        uploadRequest(imageUpload(concat([IMAGE.subarray(0, at), new Uint8Array([0xff, marker]), IMAGE.subarray(at)]))),
      ['image-undecodable'],
    );
  }
  const sizeCodes: ErrorCode[] = ['image-too-large', 'image-too-small', 'image-undecodable'];
  for (const [width, height] of [
    [65_535, 65_535],
    [0, 0],
    [0, 400],
    [1, 1],
    [9_000, 300],
    [300, 9_000],
    [7_000, 7_000],
    [8_001, 4_000],
    [100, 100],
    [299, 400],
    [600, 800],
    [1_000, 1_000],
    [3_000, 4_000],
  ] as const) {
    add(
      family,
      `JPEG header says ${width}x${height}`,
      () => uploadRequest(imageUpload(withJpegSize(IMAGE, width, height))),
      sizeCodes,
    );
  }
  for (const [width, height] of [
    [0x7fffffff, 0x7fffffff],
    [0xffffffff, 1],
    [0, 0],
    [1, 1],
    [100_000, 300],
    [8_001, 300],
    [300, 299],
    [6_400, 6_400],
    [500, 500],
  ] as const) {
    add(
      family,
      `PNG header says ${width}x${height}`,
      () => uploadRequest(imageUpload(withPngSize(PNG_IMAGE, width, height))),
      sizeCodes,
    );
  }
  for (let index = 0; index < 5; index += 1)
    add(family, 'PNG with garbled image data', () => uploadRequest(imageUpload(withGarbledIdat(PNG_IMAGE))), [
      'image-undecodable',
    ]);
  for (const [width, height] of [
    [16_777_216, 16_777_216],
    [9_000, 400],
    [10, 10],
    [300, 299],
  ] as const) {
    add(family, `WebP header says ${width}x${height}`, () => uploadRequest(imageUpload(webpHeader(width, height))), [
      'image-too-large',
      'image-too-small',
    ]);
  }
  add(family, 'WebP without a selfie part', () => uploadRequest(imageUpload(webpHeader(480, 640))), [
    'invalid-request',
  ]);
  const polyglots: Array<[string, Uint8Array]> = [
    ['JPEG + ZIP', concat([IMAGE, VALID_ZIP])],
    ['JPEG + HTML', concat([IMAGE, ascii('<html><script>alert(1)</script></html>')])],
    ['JPEG + one byte', concat([IMAGE, new Uint8Array([0])])],
    ['JPEG + a second JPEG', concat([IMAGE, IMAGE])],
    ['PNG + ZIP', concat([PNG_IMAGE, VALID_ZIP])],
    ['PNG + script', concat([PNG_IMAGE, ascii('<?php system($_GET["c"]); ?>')])],
    ['GIF + ZIP (GIFAR)', concat([ascii('GIF89a'), rand.bytes(100), VALID_ZIP])],
  ];
  for (const [name, bytes] of polyglots)
    add(family, `polyglot ${name}`, () => uploadRequest(imageUpload(bytes)), imageCodes);
  add(family, 'polyglot ZIP + JPEG as a shotset', () => uploadRequest(shotsetUpload(concat([VALID_ZIP, IMAGE]))), [
    'invalid-zip',
  ]);
  const video = mp4();
  const webm = new Uint8Array([
    0x1a,
    0x45,
    0xdf,
    0xa3,
    0x9f,
    0x42,
    0x86,
    0x81,
    0x01,
    ...ascii('webm'),
    ...rand.bytes(50),
  ]);
  const videoUpload = (media: Uint8Array, selfie?: Uint8Array) => [
    mediaPart(media, 'video/mp4', 'clip.mp4'),
    reportPart(reportFor('video')),
    ...(selfie ? [{ name: 'selfie', filename: 'selfie.jpg', contentType: 'image/jpeg', data: selfie }] : []),
  ];
  add(family, 'MP4 without a selfie', () => uploadRequest(videoUpload(video)), ['invalid-request']);
  add(family, 'WebM without a selfie', () => uploadRequest(videoUpload(webm)), ['invalid-request']);
  for (const [name, selfie] of [
    ['random bytes', rand.bytes(2_000)],
    ['a truncated JPEG', truncate(IMAGE, 5_000)],
    ['a tiny JPEG', jpeg(100, 100)],
    ['a JPEG claiming 9000x9000', withJpegSize(IMAGE, 9_000, 9_000)],
    ['a JPEG with a ZIP behind it', concat([IMAGE, VALID_ZIP])],
    ['a WebP', webpHeader(480, 640)],
    ['an MP4', video],
  ] as const) {
    add(family, `MP4 with ${name} as the selfie`, () => uploadRequest(videoUpload(video, selfie)), [
      'unsupported-media-type',
      'image-undecodable',
      'image-too-small',
      'image-too-large',
    ]);
  }
  add(
    family,
    'PNG labelled video/mp4, report says video',
    () => uploadRequest([mediaPart(PNG_IMAGE, 'video/mp4', 'clip.mp4'), reportPart(reportFor('video'))]),
    ['invalid-report'],
  );
  add(
    family,
    'JPEG labelled application/zip, report says shotset',
    () =>
      uploadRequest([
        mediaPart(IMAGE, 'application/zip', 'set.zip'),
        reportPart(reportFor('shotset', { frameCount: 1 })),
      ]),
    ['invalid-report'],
  );
  add(family, 'ZIP labelled image/jpeg, report says image', () => uploadRequest(imageUpload(VALID_ZIP)), [
    'invalid-report',
  ]);
  add(family, 'MP4 labelled image/png, report says image', () => uploadRequest(imageUpload(video)), ['invalid-report']);
}

// Shotset archives.
{
  const family = 'zip';
  const zipUpload =
    (spec: Parameters<typeof buildZip>[0], frameCount = spec.entries.length) =>
    () =>
      uploadRequest(shotsetUpload(buildZip(spec), frameCount));
  for (const megabytes of [1, 5, 20, 45]) {
    add(
      family,
      `bomb: ${megabytes} MB of zeros, deflated`,
      zipUpload({ entries: [{ name: 'frame-0.jpg', data: new Uint8Array(megabytes * 1024 * 1024), method: 8 }] }),
      ['zip-limits'],
    );
  }
  for (const declaredRatio of [2, 50, 99]) {
    add(
      family,
      `dishonest bomb: declares ${declaredRatio}:1, inflates ~1000:1`,
      () => {
        const data = new Uint8Array(4 * 1024 * 1024);
        const entry: ZipEntrySpec = { name: 'frame-0.jpg', data, method: 8 };
        const compressed = buildZip({ entries: [entry] });
        const compressedSize = compressed.length - 30 - 11 - 46 - 11 - 22;
        return uploadRequest(
          shotsetUpload(buildZip({ entries: [{ ...entry, size: compressedSize * declaredRatio }] }), 1),
        );
      },
      ['zip-limits'],
    );
  }
  add(
    family,
    'declares 60 MB in total',
    zipUpload({
      entries: [
        { name: 'a.jpg', data: SMALL_FRAME(1), size: 30_000_000, compressedSize: 400_000 },
        { name: 'b.jpg', data: SMALL_FRAME(2), size: 30_000_000, compressedSize: 400_000 },
      ],
    }),
    ['zip-limits', 'invalid-zip'],
  );
  for (const count of [31, 64, 500, 2_000]) {
    add(
      family,
      `${count} entries`,
      zipUpload({
        entries: Array.from({ length: count }, (_, index) => ({ name: `f${index}.jpg`, data: ascii('x') })),
      }),
      ['zip-limits'],
    );
  }
  add(family, 'entry count 0xffff (ZIP64)', zipUpload({ entries: frames(2), end: { count: 0xffff } }), [
    'zip-limits',
    'invalid-zip',
  ]);
  add(
    family,
    'ZIP64 size marker',
    zipUpload({ entries: [{ name: 'a.jpg', data: SMALL_FRAME(1), size: 0xffffffff, compressedSize: 0xffffffff }] }),
    ['zip-limits', 'invalid-zip'],
  );
  add(family, 'nested archive by name', zipUpload({ entries: [{ name: 'inner.zip', data: SMALL_FRAME(1) }] }), [
    'invalid-zip',
  ]);
  for (const extension of ['gz', 'tgz', '7z', 'rar', 'tar', 'jar', 'ZIP']) {
    add(
      family,
      `nested archive named .${extension}`,
      zipUpload({ entries: [{ name: `frames.${extension}`, data: SMALL_FRAME(1) }] }),
      ['invalid-zip'],
    );
  }
  add(family, 'nested ZIP named like a frame', zipUpload({ entries: [{ name: 'frame-0.jpg', data: VALID_ZIP }] }), [
    'invalid-zip',
  ]);
  add(
    family,
    'nested gzip named like a frame',
    zipUpload({
      entries: [{ name: 'frame-0.jpg', data: concat([new Uint8Array([0x1f, 0x8b, 8, 0]), rand.bytes(100)]) }],
    }),
    ['invalid-zip'],
  );
  for (const name of [
    '../frame.jpg',
    '..\\frame.jpg',
    '/etc/passwd',
    'C:frame.jpg',
    'C:\\frame.jpg',
    'a/b.jpg',
    'frames/',
    '',
    'fr\u0000ame.jpg',
    'fr\name.jpg',
    '..',
    'frame..jpg',
    'frame.jpg\u007f',
    '\\\\server\\share.jpg',
  ]) {
    add(family, `entry name ${JSON.stringify(name)}`, zipUpload({ entries: [{ name, data: SMALL_FRAME(1) }] }), [
      'invalid-zip',
    ]);
  }
  add(
    family,
    'duplicate names',
    zipUpload({
      entries: [
        { name: 'a.jpg', data: SMALL_FRAME(1) },
        { name: 'a.jpg', data: SMALL_FRAME(2) },
      ],
    }),
    ['invalid-zip'],
  );
  add(family, 'encrypted entry', zipUpload({ entries: [{ name: 'a.jpg', data: SMALL_FRAME(1), flags: 0x0801 }] }), [
    'invalid-zip',
  ]);
  for (const method of [1, 6, 9, 12, 14, 93, 99]) {
    add(
      family,
      `compression method ${method}`,
      zipUpload({ entries: [{ name: 'a.jpg', data: SMALL_FRAME(1), method }] }),
      ['invalid-zip'],
    );
  }
  add(
    family,
    'wrong CRC',
    zipUpload({ entries: [{ name: 'a.jpg', data: SMALL_FRAME(1), crc: (crc32(SMALL_FRAME(1)) ^ 1) >>> 0 }] }),
    ['invalid-zip'],
  );
  add(
    family,
    'another name in the local header',
    zipUpload({ entries: [{ name: 'a.jpg', data: SMALL_FRAME(1), localName: 'b.jpg' }] }),
    ['invalid-zip'],
  );
  add(
    family,
    'two entries sharing one local header',
    zipUpload({
      entries: [
        { name: 'a.jpg', data: SMALL_FRAME(1) },
        { name: 'b.jpg', data: SMALL_FRAME(2), localOffsetOf: 0 },
      ],
    }),
    ['invalid-zip'],
  );
  add(
    family,
    'stored entry with two sizes',
    zipUpload({ entries: [{ name: 'a.jpg', data: SMALL_FRAME(1), size: SMALL_FRAME(1).length + 10 }] }),
    ['invalid-zip', 'zip-limits'],
  );
  add(
    family,
    'deflate entry that is not deflate data',
    zipUpload({ entries: [{ name: 'a.jpg', data: rand.bytes(20_000), method: 8, compressedSize: 20_000 }] }),
    ['invalid-zip', 'zip-limits'],
  );
  for (let index = 0; index < 12; index += 1) {
    const keep = rand.int(0, VALID_ZIP.length - 1);
    add(
      family,
      `archive cut at ${keep} of ${VALID_ZIP.length}`,
      () => uploadRequest(shotsetUpload(truncate(VALID_ZIP, keep))),
      ['invalid-zip', 'unsupported-media-type'],
    );
  }
  for (const [name, trailing] of [
    ['one byte', new Uint8Array([0])],
    ['a JPEG', IMAGE],
    ['a second archive', VALID_ZIP],
    ['a script', ascii('<script>alert(1)</script>')],
  ] as const) {
    add(family, `${name} after the end record`, zipUpload({ entries: frames(2), trailing }), ['invalid-zip']);
  }
  for (const [name, end] of [
    ['multi-disk', { disk: 1 }],
    ['directory on another disk', { cdDisk: 2 }],
    ['counts disagree', { countOnDisk: 1, count: 2 }],
    ['directory offset past the end', { cdOffset: 0x7fffffff }],
    ['directory size past the end', { cdSize: 0x7fffffff }],
    ['count larger than the directory', { count: 5, countOnDisk: 5 }],
  ] as const) {
    add(family, `end record: ${name}`, zipUpload({ entries: frames(2), end }), ['invalid-zip', 'zip-limits']);
  }
  add(family, 'no entries', () => uploadRequest(shotsetUpload(buildZip({ entries: [] }), 1)), ['invalid-zip']);
  for (const [name, data] of [
    ['text', ascii('hello')],
    ['random bytes', rand.bytes(3_000)],
    ['a GIF', concat([ascii('GIF89a'), rand.bytes(100)])],
    ['an MP4', mp4()],
    ['a WebP', webpHeader(480, 640)],
  ] as const) {
    add(
      family,
      `entry holding ${name}`,
      zipUpload({
        entries: [
          { name: 'frame-0.jpg', data },
          { name: 'frame-1.jpg', data: SMALL_FRAME(2) },
        ],
      }),
      ['unsupported-media-type', 'invalid-zip'],
    );
  }
  add(family, 'entry image too small', zipUpload({ entries: [{ name: 'f.jpg', data: jpeg(120, 160) }] }), [
    'image-too-small',
  ]);
  add(
    family,
    'entry claiming 20000x20000',
    zipUpload({ entries: [{ name: 'f.jpg', data: withJpegSize(SMALL_FRAME(1), 20_000, 20_000) }] }),
    ['image-too-large'],
  );
  add(
    family,
    'entry truncated JPEG',
    zipUpload({ entries: [{ name: 'f.jpg', data: truncate(SMALL_FRAME(1), 1_500) }] }),
    ['image-undecodable'],
  );
  {
    const frame = SMALL_FRAME(1);
    const { start, end } = scanOf(frame);
    const keep = rand.int(start + 16, end - Math.ceil((end - start) / 10));
    const cut = concat([frame.subarray(0, keep), new Uint8Array([0xff, 0xd9])]);
    add(
      family,
      'entry JPEG with its scan cut and the end marker re-added',
      zipUpload({ entries: [{ name: 'f.jpg', data: cut }] }),
      ['image-undecodable'],
    );
    const stray = concat([frame.subarray(0, start + 100), new Uint8Array([0xff, 0xd3]), frame.subarray(start + 100)]);
    add(
      family,
      'entry JPEG with a stray restart marker in its scan',
      zipUpload({ entries: [{ name: 'f.jpg', data: stray }] }),
      ['image-undecodable'],
    );
  }
  add(
    family,
    'entry JPEG with a payload behind it',
    zipUpload({ entries: [{ name: 'f.jpg', data: concat([SMALL_FRAME(1), ascii('<script>')]) }] }),
    ['unsupported-media-type'],
  );
  add(family, 'report counts 3 frames for 2', () => uploadRequest(shotsetUpload(VALID_ZIP, 3)), ['invalid-report']);
  add(
    family,
    'report says image for a shotset',
    () => uploadRequest([mediaPart(VALID_ZIP, 'application/zip', 's.zip'), reportPart(reportFor('image'))]),
    ['invalid-report'],
  );
  add(
    family,
    'report says video for a shotset',
    () => uploadRequest([mediaPart(VALID_ZIP, 'application/zip', 's.zip'), reportPart(reportFor('video'))]),
    ['invalid-report'],
  );
}

// The capture report.
{
  const family = 'report';
  const good = reportFor('image');
  const goodJson = JSON.stringify(good);
  for (let index = 0; index < 10; index += 1)
    add(family, 'random text', () => uploadRequest(imageUpload(IMAGE, rand.text(rand.int(1, 2_000)))), [
      'invalid-report',
    ]);
  for (let index = 0; index < 10; index += 1) {
    const keep = rand.int(1, goodJson.length - 1);
    add(
      family,
      `JSON cut at ${keep} of ${goodJson.length}`,
      () => uploadRequest(imageUpload(IMAGE, goodJson.slice(0, keep))),
      ['invalid-report'],
    );
  }
  for (const value of ['null', '1', '"report"', '[]', 'true', '{}', `[${goodJson}]`])
    add(family, `report ${value.slice(0, 30)}`, () => uploadRequest(imageUpload(IMAGE, value)), ['invalid-report']);
  for (const field of Object.keys(good)) {
    add(
      family,
      `without ${field}`,
      () => uploadRequest(imageUpload(IMAGE, JSON.stringify({ ...good, [field]: undefined }))),
      ['invalid-report'],
    );
  }
  const wrong: Array<[string, Record<string, unknown>]> = [
    ['version 2', { version: 2 }],
    ['version "1"', { version: '1' }],
    ['mode selfie', { mode: 'selfie' }],
    ['mode video for an image', { mode: 'video', tags: tagsForMode('video', 'portrait') }],
    ['no tags', { tags: [] }],
    ['unknown tag', { tags: ['video_selfie', 'photo_id_front'] }],
    ['shotset tags for an image', { tags: tagsForMode('shotset', 'portrait') }],
    ['duplicate tags', { tags: ['video_selfie', 'video_selfie'] }],
    ['nine tags', { tags: Array.from({ length: 9 }, () => 'video_selfie') }],
    ['automatic "yes"', { automatic: 'yes' }],
    ['unknown manual reason', { manualReason: 'because' }],
    ['unknown clip fallback', { clipFallback: 'because' }],
    ['frame width 0', { frame: { width: 0, height: 640 } }],
    ['frame width 1.5', { frame: { width: 1.5, height: 640 } }],
    ['frame with an extra key', { frame: { width: 480, height: 640, depth: 3 } }],
    [
      'face with __proto__',
      { face: JSON.parse('{"x":1,"y":1,"width":1,"height":1,"__proto__":{"polluted":true}}') as unknown },
    ],
    ['face with a negative width', { face: { x: 0, y: 0, width: -1, height: 10 } }],
    ['metrics with a string', { metrics: { sharpness: 'high' } }],
    ['metrics with a null', { metrics: { sharpness: null } }],
    ['65 metrics', { metrics: Object.fromEntries(Array.from({ length: 65 }, (_, index) => [`m${index}`, index])) }],
    ['metric name of 65 chars', { metrics: { ['m'.repeat(65)]: 1 } }],
    ['metrics an array', { metrics: [1, 2] }],
    ['negative elapsedMs', { elapsedMs: -1 }],
    ['frameCount 2 for an image', { frameCount: 2 }],
    ['frameCount 0', { frameCount: 0 }],
    ['frameCount 1.5', { frameCount: 1.5 }],
    ['capturedAt yesterday', { capturedAt: 'yesterday' }],
    ['capturedAt a number', { capturedAt: 1_700_000_000 }],
    ['userAgent of 513 chars', { userAgent: 'u'.repeat(513) }],
  ];
  for (const [name, change] of wrong)
    add(family, name, () => uploadRequest(imageUpload(IMAGE, JSON.stringify({ ...good, ...change }))), [
      'invalid-report',
    ]);
  add(
    family,
    'elapsedMs 1e400 (Infinity)',
    () => uploadRequest(imageUpload(IMAGE, goodJson.replace(/"elapsedMs":\d+/, '"elapsedMs":1e400'))),
    ['invalid-report'],
  );
  add(
    family,
    'frame width 1e400',
    () => uploadRequest(imageUpload(IMAGE, goodJson.replace('"width":480', '"width":1e400'))),
    ['invalid-report'],
  );
  for (const depth of [100, 5_000, 20_000]) {
    add(
      family,
      `metrics nested ${depth} deep`,
      () =>
        uploadRequest(
          imageUpload(
            IMAGE,
            goodJson.replace('"metrics":{', `"metrics":{"x":${'['.repeat(depth)}${']'.repeat(depth)},`),
          ),
        ),
      ['invalid-report'],
    );
    add(
      family,
      `tags nested ${depth} deep`,
      () =>
        uploadRequest(
          imageUpload(IMAGE, goodJson.replace(/"tags":\[[^\]]*\]/, `"tags":${'['.repeat(depth)}${']'.repeat(depth)}`)),
        ),
      ['invalid-report'],
    );
  }
  add(
    family,
    'frame nested 5000 objects deep',
    () =>
      uploadRequest(
        imageUpload(
          IMAGE,
          goodJson.replace(/"frame":\{[^}]*\}/, `"frame":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`),
        ),
      ),
    ['invalid-report'],
  );
  add(
    family,
    'report of 64 KiB + 1',
    () => uploadRequest(imageUpload(IMAGE, `${goodJson}${' '.repeat(64 * 1024 + 1 - goodJson.length)}`)),
    ['invalid-report'],
  );
}

// ---------------------------------------------------------------------------------------------------------------

async function expectStableRefusal(testCase: HostileCase): Promise<void> {
  const response = await backend.fetch(testCase.request());
  const text = await response.text();
  const context = `${testCase.name} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, context).toBeGreaterThanOrEqual(400);
  expect(response.status, context).toBeLessThan(500);
  expect(response.headers.get('content-type'), context).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  const code = body.error?.code as ErrorCode;
  expect(ERROR_CODES, context).toContain(code);
  expect(ERROR_STATUS[code], context).toBe(response.status);
  expect(body.error?.message, context).toEqual(expect.any(String));
  if (testCase.codes) expect(testCase.codes, context).toContain(code);
}

describe(`hostile input (seed ${SEED})`, () => {
  it('has hundreds of cases', () => {
    expect(Object.values(cases).flat().length).toBeGreaterThan(400);
  });

  for (const [family, familyCases] of Object.entries(cases)) {
    describe(family, () => {
      it.each(familyCases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
        await expectStableRefusal(testCase);
      });
    });
  }

  describe('afterwards', () => {
    it('stored nothing: no write reached the store, no check, no media', async () => {
      expect(Object.fromEntries(writes)).toEqual({});
      expect(await store.getSession(sessionId)).not.toBeNull();
      expect(await store.listProcessingChecks()).toEqual([]);
      expect(await store.findCheckForSession(sessionId)).toBeNull();
      expect(await store.getTokenUse(tokenId(captureToken))).toBeNull();
      expect(store.mediaCount()).toBe(0);
    });

    it('crashed nothing and polluted no prototype', async () => {
      expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect((await backend.fetch(new Request(`${BASE}/health`))).status).toBe(200);
    });

    it('leaves the capture token usable for a valid upload', async () => {
      const response = await backend.fetch(uploadRequest(VALID_UPLOAD));
      expect(response.status).toBe(202);
      await backend.processor.whenIdle();
      expect(await store.findCheckForSession(sessionId)).toMatchObject({ status: 'done' });
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Over a real socket: what a fetch handler never sees (lying lengths, abandoned bodies, broken HTTP).

describe('hostile HTTP over a socket', () => {
  let server: RunningServer;
  let port: number;
  // A session of its own: the one above was used by the last valid upload.
  let captureToken: string;
  beforeAll(async () => {
    ({ captureToken } = await createSession(backend));
    server = await serve((request, env) => backend.fetch(request, env));
    port = server.port;
  });
  afterAll(async () => {
    await server.close();
  });

  /** Writes raw bytes, optionally hangs up early, and returns whatever came back. */
  function raw(payload: string | Uint8Array, options: { hangUpAfterMs?: number } = {}): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString('latin1');
      });
      socket.on('error', () => resolve(answer));
      socket.on('close', () => resolve(answer));
      socket.write(payload);
      if (options.hangUpAfterMs !== undefined) setTimeout(() => socket.destroy(), options.hangUpAfterMs);
      else socket.end();
    });
  }

  const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

  it('refuses a declared oversized body before it is sent', async () => {
    const head = `POST /checks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${captureToken}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${MAX_UPLOAD_BYTES + 1}\r\n\r\n`;
    const answer = await raw(head, { hangUpAfterMs: 500 });
    expect(statusOf(answer)).toBe(413);
    expect(answer).toContain('payload-too-large');
  });

  // Served by node-server, the multipart body is parsed straight from the socket's stream (not the web stream).
  it('refuses an unknown part and a cut body read straight from the socket', async () => {
    const send = (body: Uint8Array) =>
      raw(
        concat([
          ascii(
            `POST /checks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${captureToken}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
          ),
          body,
        ]),
      );
    const unknown = await send(multipartBody([...VALID_UPLOAD, { name: 'debug', data: 'true' }], BOUNDARY));
    expect(statusOf(unknown)).toBe(400);
    expect(unknown).toContain('invalid-request');
    const whole = multipartBody(VALID_UPLOAD, BOUNDARY);
    const cut = await send(whole.subarray(0, whole.length - 40));
    expect(statusOf(cut)).toBe(400);
  });

  it('survives bodies that stop halfway, chunked bodies over the limit and broken HTTP', async () => {
    const body = multipartBody(VALID_UPLOAD, BOUNDARY);
    const head = (length: number | 'chunked') =>
      `POST /checks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${captureToken}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\n${
        length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`
      }\r\n\r\n`;
    // Announces the whole body, sends half, hangs up.
    await raw(concat([ascii(head(body.length)), body.subarray(0, body.length >> 1)]), { hangUpAfterMs: 100 });
    // Chunked, past the limit.
    const chunk = new Uint8Array(256 * 1024);
    const chunks = Array.from({ length: 10 }, () =>
      concat([ascii(`${chunk.length.toString(16)}\r\n`), chunk, ascii('\r\n')]),
    );
    const chunked = await raw(concat([ascii(head('chunked')), ...chunks, ascii('0\r\n\r\n')]));
    expect(statusOf(chunked)).toBe(413);
    // Not HTTP at all, a bad request line, conflicting lengths, a header without a colon.
    for (const garbage of [
      '\u0000\u0001\u0002 garbage\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'POST /checks HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello',
      'GET /health HTTP/1.1\r\nBroken header\r\n\r\n',
    ]) {
      const answer = await raw(garbage);
      if (answer !== '') expect(statusOf(answer)).toBeGreaterThanOrEqual(400);
    }
    // Still serving, and the token is still unused.
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
