/**
 * Upload validation on worker threads: the same answers as validateUpload on the main thread (results and
 * refusals), without holding the event loop while it decodes.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLivenessBackend } from '../../src/server/app.js';
import { HttpError } from '../../src/server/errors.js';
import { createMemoryStore } from '../../src/server/store/memory.js';
import { restoreCheckMedia, validateUpload, type UploadParts } from '../../src/server/upload/validate.js';
import { createUploadValidator, type UploadValidator } from '../../src/server/upload/validator.js';
import {
  createSession,
  fakeAdapter,
  jpeg,
  mp4,
  png,
  report,
  testConfig,
  uploadRequest,
  zip,
} from './support/backend.js';

const SHOTSET_FRAMES = 30;
const shotsetOf = (count: number): UploadParts => ({
  media: zip(
    Object.fromEntries(Array.from({ length: count }, (_, index) => [`frame-${index}.jpg`, jpeg(480, 640, 'smooth')])),
  ),
  selfie: null,
  report: JSON.stringify(report('shotset', { frameCount: count })),
});

const INPUTS: Array<[string, UploadParts]> = [
  ['a JPEG image', { media: jpeg(), selfie: null, report: JSON.stringify(report()) }],
  ['a PNG image (re-encoded still)', { media: png(), selfie: null, report: JSON.stringify(report()) }],
  [
    'a shotset of PNG and JPEG frames',
    {
      media: zip({ 'a.png': png(400, 400, 'smooth'), 'b.jpg': jpeg(400, 400) }),
      selfie: null,
      report: JSON.stringify(report('shotset', { frameCount: 2 })),
    },
  ],
  ['a video with its selfie', { media: mp4(), selfie: jpeg(), report: JSON.stringify(report('video')) }],
  ['bytes of no accepted type', { media: new Uint8Array([1, 2, 3]), selfie: null, report: JSON.stringify(report()) }],
  ['a truncated JPEG', { media: jpeg().slice(0, 4_000), selfie: null, report: JSON.stringify(report()) }],
  ['a report that is not JSON', { media: jpeg(), selfie: null, report: '{' }],
  ['a video without a selfie', { media: mp4(), selfie: null, report: JSON.stringify(report('video')) }],
  ['a tiny image', { media: jpeg(100, 100), selfie: null, report: JSON.stringify(report()) }],
];

let pool: UploadValidator;
beforeAll(() => {
  pool = createUploadValidator({ workers: 2 });
});
afterAll(async () => {
  await pool.close();
});

/** What a call produces, in a comparable form: the value (bytes as digests), or the refusal's code and message. */
async function outcomeOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: digested(await run()) };
  } catch (error) {
    if (error instanceof HttpError)
      return { refusal: { status: error.status, code: error.code, message: error.message } };
    throw error;
  }
}

/** Byte arrays as length + SHA-256: equal content compares equal, and megabytes compare in no time. */
function digested(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return `${value.length} bytes, sha256 ${createHash('sha256').update(value).digest('hex')}`;
  if (Array.isArray(value)) return value.map(digested);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, digested(inner)]));
  return value;
}

describe('the worker pool', () => {
  it.each(INPUTS)('answers %s exactly as validateUpload does', async (_name, parts) => {
    const inline = await outcomeOf(() => validateUpload(parts));
    const pooled = await outcomeOf(() => pool.validate(parts));
    expect(pooled).toEqual(inline);
  });

  it('restores a stored shotset exactly as restoreCheckMedia does', async () => {
    const { info, media } = await validateUpload(shotsetOf(3));
    const restored = digested(await pool.restore(info, media.bytes, media.selfieJpeg));
    expect(restored).toEqual(digested(await restoreCheckMedia(info, media.bytes, media.selfieJpeg)));
    expect(restored).toMatchObject({ kind: 'shotset', frames: expect.any(Array) });
  });

  it('keeps the event loop turning while a 30-frame shotset is decoded', async () => {
    const shotsetParts = shotsetOf(SHOTSET_FRAMES);
    const turnsWhile = async (validator: UploadValidator): Promise<number> => {
      let settled = false;
      let turns = 0;
      const pending = validator.validate(shotsetParts).finally(() => {
        settled = true;
      });
      while (!settled) {
        await new Promise((resolve) => setImmediate(resolve));
        if (!settled) turns += 1;
      }
      await pending;
      return turns;
    };
    // (No inline control: with libvips decoding asynchronously, the loop turns on the main thread too, only less.)
    expect(await turnsWhile(pool)).toBeGreaterThan(0);
  });

  it('starts workers on demand, never more than its size', async () => {
    const lazy = createUploadValidator({ workers: 2 });
    try {
      expect(lazy.stats()).toEqual({ tasks: 0, workers: 0 });
      await Promise.all(Array.from({ length: 5 }, () => lazy.validate(INPUTS[0]![1])));
      expect(lazy.stats()).toEqual({ tasks: 5, workers: 2 });
    } finally {
      await lazy.close();
    }
  });

  it('refuses work once closed', async () => {
    const closing = createUploadValidator({ workers: 1 });
    await closing.validate(INPUTS[0]![1]);
    await closing.close();
    expect(closing.stats().workers).toBe(0);
    await expect(closing.validate(INPUTS[0]![1])).rejects.toThrow(/closed/);
  });
});

describe('the backend', () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const item of opened.splice(0)) await item.close();
  });

  it('validates uploads on its pool and stops the pool on close', async () => {
    const backend = createLivenessBackend({
      config: testConfig({ LIVENESS_UPLOAD_WORKERS: '1' }),
      adapters: [fakeAdapter('oz'), fakeAdapter('kairos')],
      store: await createMemoryStore(),
    });
    opened.push(backend);
    const { captureToken } = await createSession(backend);
    const refused = await backend.fetch(uploadRequest(captureToken, { media: jpeg(100, 100) }));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('image-too-small');
    expect((await backend.fetch(uploadRequest(captureToken))).status).toBe(202);
    expect(backend.validator.stats()).toEqual({ tasks: 2, workers: 1 });
    await backend.processor.whenIdle();
    await backend.close();
    opened.length = 0;
    expect(backend.validator.stats().workers).toBe(0);
  });

  it('leaves a validator it was given open on close', async () => {
    const backend = createLivenessBackend({
      config: testConfig(),
      adapters: [fakeAdapter('oz'), fakeAdapter('kairos')],
      store: await createMemoryStore(),
      uploadValidator: pool,
    });
    const { captureToken } = await createSession(backend);
    const before = pool.stats().tasks;
    expect((await backend.fetch(uploadRequest(captureToken))).status).toBe(202);
    expect(pool.stats().tasks).toBe(before + 1);
    await backend.processor.whenIdle();
    await backend.close();
    await expect(pool.validate(INPUTS[0]![1])).resolves.toMatchObject({ info: { kind: 'image' } });
  });
});
