/** Shared fixtures for the backend tests: config, fake adapters, generated media, requests. */
import { zipSync, type Zippable } from 'fflate';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { createLivenessBackend, type LivenessBackend } from '../../../src/server/app.js';
import { loadConfig, type BackendConfig } from '../../../src/server/config.js';
import type { Logger, LogFields } from '../../../src/server/log.js';
import {
  ProviderError,
  type CheckMedia,
  type ProviderAdapter,
  type ProviderContext,
  type ProviderErrorCode,
  type ProviderName,
  type ProviderOutcome,
} from '../../../src/server/providers/types.js';
import { createMemoryStore, type MemoryStore } from '../../../src/server/store/memory.js';
import type { Store } from '../../../src/server/store/types.js';
import type { CaptureMode, CaptureReport } from '../../../src/shared/media.js';
import { tagsForMode } from '../../../src/shared/media.js';

export const API_KEY = 'test-api-key-0123456789abcdef';
export const TOKEN_SECRET = 'test-token-secret-0123456789-0123456789-abcdef';
export const BASE = 'http://backend.test';
export const START_TIME = Date.parse('2030-01-01T00:00:00.000Z');

/**
 * Uploads are validated on the main thread here (LIVENESS_UPLOAD_WORKERS=0): a worker thread costs about half a
 * second to start from TypeScript sources, and most tests build a fresh backend. The worker pool gets the same
 * inputs in validator.test.ts, hostile.test.ts, backend-scenarios.test.ts and restart.test.ts.
 */
export function testConfig(env: Record<string, string> = {}): BackendConfig {
  return loadConfig({
    LIVENESS_API_KEY: API_KEY,
    LIVENESS_TOKEN_SECRET: TOKEN_SECRET,
    LIVENESS_PROVIDERS: 'oz,kairos',
    LIVENESS_UPLOAD_WORKERS: '0',
    ...env,
  });
}

/** A controllable clock. */
export function testClock(start = START_TIME) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export interface FakeAdapter extends ProviderAdapter {
  calls: Array<{ media: CheckMedia; ctx: ProviderContext }>;
}

export type Behaviour = (media: CheckMedia, ctx: ProviderContext) => Promise<ProviderOutcome>;

export function fakeAdapter(
  name: ProviderName,
  behaviour: Behaviour = answers(name, 'live'),
  sandbox = true,
): FakeAdapter {
  const calls: FakeAdapter['calls'] = [];
  return {
    name,
    sandbox,
    calls,
    verify(media, ctx) {
      calls.push({ media, ctx });
      return behaviour(media, ctx);
    },
  };
}

export function outcome(
  provider: ProviderName,
  decision: 'live' | 'spoof',
  score = decision === 'live' ? 0.9 : 0.1,
): ProviderOutcome {
  const at = new Date(START_TIME).toISOString();
  return {
    provider,
    decision,
    score,
    raw:
      provider === 'oz' ? { name: 'confidence_spoofing', value: 1 - score } : { name: 'faces_liveness', value: score },
    threshold: provider === 'kairos' ? 0.6 : null,
    ids: { request: `${provider}-request` },
    timings: { startedAt: at, finishedAt: at, durationMs: 5, attempts: 1 },
    reason: `${provider} said ${decision}`,
  };
}

export const answers =
  (name: ProviderName, decision: 'live' | 'spoof'): Behaviour =>
  async () =>
    outcome(name, decision);

export const fails =
  (name: ProviderName, code: ProviderErrorCode): Behaviour =>
  async () => {
    throw new ProviderError(name, code, `simulated ${code}`);
  };

/** A behaviour held until release() (or until the context is aborted). */
export function gated(name: ProviderName, decision: 'live' | 'spoof' = 'live') {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  const behaviour: Behaviour = (_media, ctx) =>
    new Promise<ProviderOutcome>((resolve, reject) => {
      ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      void opened.then(() => resolve(outcome(name, decision)));
    });
  return { behaviour, release };
}

export interface TestBackend {
  backend: LivenessBackend;
  store: MemoryStore;
  config: BackendConfig;
  clock: ReturnType<typeof testClock>;
  logger: RecordingLogger;
}

export async function createTestBackend(
  options: {
    env?: Record<string, string>;
    adapters?: ProviderAdapter[];
    store?: Store;
    clock?: ReturnType<typeof testClock>;
    clientAddress?: (request: Request) => string | undefined;
  } = {},
): Promise<TestBackend> {
  const config = testConfig(options.env);
  const store = (options.store as MemoryStore | undefined) ?? (await createMemoryStore());
  const clock = options.clock ?? testClock();
  const logger = recordingLogger();
  const backend = createLivenessBackend({
    config,
    adapters: options.adapters ?? [fakeAdapter('oz'), fakeAdapter('kairos')],
    store,
    clock: clock.now,
    logger,
    ...(options.clientAddress ? { clientAddress: options.clientAddress } : {}),
  });
  return { backend, store, config, clock, logger };
}

export interface RecordingLogger extends Logger {
  lines: Array<{ level: string; event: string; fields: LogFields }>;
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const at =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      lines.push({ level, event, fields });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

// ---------------------------------------------------------------------------------------------------------------
// Media

/** A JPEG whose content is either noisy (sharp) or a smooth gradient (low Laplacian variance). */
export function jpeg(
  width = 480,
  height = 640,
  pattern: 'noise' | 'smooth' = 'noise',
  seed = 1,
): Uint8Array<ArrayBuffer> {
  return memo(`jpeg:${width}:${height}:${pattern}:${seed}`, () => {
    const encoded = encodeJpeg({ width, height, data: pixels(width, height, pattern, seed) }, 90);
    return new Uint8Array(encoded.data);
  });
}

export function png(width = 480, height = 640, pattern: 'noise' | 'smooth' = 'noise'): Uint8Array<ArrayBuffer> {
  return memo(`png:${width}:${height}:${pattern}`, () => {
    const image = new PNG({ width, height });
    image.data.set(pixels(width, height, pattern, 7));
    return new Uint8Array(PNG.sync.write(image));
  });
}

// Encoding is the slow part of these tests; each distinct image is made once per file.
const images = new Map<string, Uint8Array>();
function memo(key: string, make: () => Uint8Array): Uint8Array<ArrayBuffer> {
  let image = images.get(key);
  if (!image) {
    image = make();
    images.set(key, image);
  }
  return image.slice();
}

function pixels(width: number, height: number, pattern: 'noise' | 'smooth', seed: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  let state = seed * 2654435761;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 4;
      let value: number;
      if (pattern === 'noise') {
        state = (state * 1103515245 + 12345) >>> 0;
        value = state >>> 24;
      } else {
        value = Math.round((x / width) * 200 + (y / height) * 40);
      }
      data[offset] = value;
      data[offset + 1] = value;
      data[offset + 2] = value;
      data[offset + 3] = 255;
    }
  }
  return data;
}

export function zip(entries: Record<string, Uint8Array>, level: 0 | 6 | 9 = 0): Uint8Array {
  const files: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) files[name] = [bytes, { level }];
  return zipSync(files);
}

/** A minimal MP4 start: an `ftyp` box then some payload. */
export function mp4(): Uint8Array {
  const ftyp = [0, 0, 0, 0x18, ...ascii('ftyp'), ...ascii('isom'), 0, 0, 2, 0, ...ascii('isom'), ...ascii('mp41')];
  return new Uint8Array([...ftyp, 0, 0, 0, 8, ...ascii('free'), ...new Array<number>(64).fill(1)]);
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

export function report(mode: CaptureMode = 'image', overrides: Partial<CaptureReport> = {}): CaptureReport {
  return {
    version: 1,
    mode,
    tags: tagsForMode(mode, 'portrait'),
    automatic: true,
    frame: { width: 480, height: 640 },
    face: { x: 100, y: 120, width: 240, height: 300 },
    metrics: { sharpness: 120, brightness: 0.5 },
    elapsedMs: 2400,
    frameCount: 1,
    capturedAt: new Date(START_TIME).toISOString(),
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

export function apiRequest(path: string, init: RequestInit & { key?: string | null } = {}): Request {
  const headers = new Headers(init.headers);
  const key = init.key === undefined ? API_KEY : init.key;
  if (key !== null) headers.set('authorization', `Bearer ${key}`);
  return new Request(`${BASE}${path}`, { ...init, headers });
}

export async function createSession(
  backend: LivenessBackend,
  body: Record<string, unknown> = {},
): Promise<{ sessionId: string; captureToken: string; expiresAt: string }> {
  const response = await backend.fetch(apiRequest('/sessions', { method: 'POST', body: JSON.stringify(body) }));
  if (response.status !== 201) throw new Error(`createSession: ${response.status} ${await response.text()}`);
  return (await response.json()) as { sessionId: string; captureToken: string; expiresAt: string };
}

export interface UploadParts {
  media?: Uint8Array | null;
  mediaType?: string;
  report?: CaptureReport | string | null;
  selfie?: Uint8Array;
  headers?: Record<string, string>;
}

export function uploadRequest(token: string | null, parts: UploadParts = {}): Request {
  const form = new FormData();
  const media = parts.media === undefined ? jpeg() : parts.media;
  if (media !== null)
    form.set('media', new Blob([media.slice()], { type: parts.mediaType ?? 'image/jpeg' }), 'capture.bin');
  const reportValue = parts.report === undefined ? report() : parts.report;
  if (reportValue !== null)
    form.set('report', typeof reportValue === 'string' ? reportValue : JSON.stringify(reportValue));
  if (parts.selfie) form.set('selfie', new Blob([parts.selfie.slice()], { type: 'image/jpeg' }), 'selfie.jpg');
  const headers = new Headers(parts.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  return new Request(`${BASE}/checks`, { method: 'POST', body: form, headers });
}

export function statusRequest(token: string, checkId: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}/checks/${checkId}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
}

export async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code?: string } };
  return body.error?.code ?? `(no error code, status ${response.status})`;
}

/** The `jti` of a capture token (to look its use up in the store). */
export function tokenId(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { jti: string };
  return payload.jti;
}
