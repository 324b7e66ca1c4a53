/**
 * Upload validation on POST /checks. Every refusal must leave the store untouched (no check, no media, token not
 * consumed) and the token still usable for a good upload.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSession,
  createTestBackend,
  errorCode,
  fakeAdapter,
  jpeg,
  mp4,
  png,
  report,
  tokenId,
  uploadRequest,
  zip,
  type FakeAdapter,
  type TestBackend,
  type UploadParts,
} from './support/backend.js';
import { zipSync } from 'fflate';

let current: TestBackend | undefined;
let oz: FakeAdapter;
let kairos: FakeAdapter;
async function setup(env: Record<string, string> = {}): Promise<TestBackend> {
  oz = fakeAdapter('oz');
  kairos = fakeAdapter('kairos');
  current = await createTestBackend({ env, adapters: [oz, kairos] });
  return current;
}
afterEach(async () => {
  await current?.backend.close();
  current = undefined;
});

/** Sends a bad upload, checks the refusal, proves nothing was stored, then proves the token still works. */
async function expectRefusedWithoutTrace(
  parts: UploadParts,
  expected: { status: number; code: string },
  env: Record<string, string> = {},
  goodUpload: UploadParts = {},
): Promise<string> {
  const { backend, store } = await setup(env);
  const { captureToken, sessionId } = await createSession(backend);
  const response = await backend.fetch(uploadRequest(captureToken, parts));
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect({ status: response.status, code: body.error.code }).toEqual(expected);
  expect(await store.findCheckForSession(sessionId)).toBeNull();
  expect(await store.listProcessingChecks()).toEqual([]);
  expect(store.mediaCount()).toBe(0);
  expect(await store.getTokenUse(tokenId(captureToken))).toBeNull();
  expect(oz.calls).toHaveLength(0);

  const retry = await backend.fetch(uploadRequest(captureToken, goodUpload));
  expect(retry.status).toBe(202);
  return body.error.message;
}

/** Rewrites the uncompressed size of every entry in a ZIP's central directory (a lying archive). */
function withDeclaredSize(archive: Uint8Array, size: number): Uint8Array {
  const copy = archive.slice();
  const view = new DataView(copy.buffer);
  for (let offset = 0; offset + 46 <= copy.length; offset += 1) {
    if (view.getUint32(offset, true) === 0x02014b50) view.setUint32(offset + 24, size, true);
  }
  return copy;
}

const shotsetReport = (frameCount: number) => report('shotset', { frameCount });

describe('content type', () => {
  it('refuses bytes that are text even when declared as an image (415)', async () => {
    await expectRefusedWithoutTrace(
      { media: new TextEncoder().encode('this is definitely not a jpeg, just text'), mediaType: 'image/jpeg' },
      { status: 415, code: 'unsupported-media-type' },
    );
  });

  it('trusts the bytes, not the declared type: a PNG declared as JPEG is accepted as PNG', async () => {
    const { backend, store } = await setup({ LIVENESS_MEDIA_RETENTION_SECONDS: '60' });
    const { captureToken, sessionId } = await createSession(backend);
    const response = await backend.fetch(uploadRequest(captureToken, { media: png(), mediaType: 'image/jpeg' }));
    expect(response.status).toBe(202);
    await backend.processor.whenIdle();
    const check = await store.findCheckForSession(sessionId);
    expect(check?.media).toMatchObject({
      contentType: 'image/png',
      selfieSource: 'image-reencoded',
      fileName: 'capture.png',
    });
    const selfie = kairos.calls[0]!.media.selfieJpeg;
    expect([...selfie.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(kairos.calls[0]!.media.selfieSize).toEqual({ width: 480, height: 640 });
  });

  it('refuses a selfie part that is not an image (415)', async () => {
    await expectRefusedWithoutTrace(
      {
        media: mp4(),
        report: report('video', { frameCount: 30 }),
        selfie: new TextEncoder().encode('not an image at all'),
      },
      { status: 415, code: 'unsupported-media-type' },
    );
  });
});

describe('size limits', () => {
  it('refuses a body over LIVENESS_MAX_UPLOAD_BYTES while reading it (413)', async () => {
    const small = jpeg(480, 640, 'smooth');
    expect(small.length).toBeLessThan(40_000);
    await expectRefusedWithoutTrace(
      { media: jpeg() },
      { status: 413, code: 'payload-too-large' },
      { LIVENESS_MAX_UPLOAD_BYTES: '60000' },
      { media: small },
    );
  });

  it('refuses early from Content-Length, before reading the body (413)', async () => {
    const { backend, store } = await setup();
    const { captureToken, sessionId } = await createSession(backend);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request('http://backend.test/checks', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: {
        authorization: `Bearer ${captureToken}`,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(16 * 1024 * 1024),
      },
    });
    const response = await backend.fetch(request);
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('payload-too-large');
    expect(pulled).toBeLessThanOrEqual(1);
    expect(await store.findCheckForSession(sessionId)).toBeNull();
  });
});

describe('images', () => {
  it('refuses an image whose shorter side is under 300 px (image-too-small)', async () => {
    const message = await expectRefusedWithoutTrace(
      { media: jpeg(640, 200) },
      { status: 422, code: 'image-too-small' },
    );
    expect(message).toContain('640x200');
  });

  it('refuses a JPEG that does not decode (image-undecodable)', async () => {
    const broken = jpeg().slice(0, 2000);
    await expectRefusedWithoutTrace({ media: broken }, { status: 422, code: 'image-undecodable' });
  });

  it('refuses a selfie part that is too small', async () => {
    await expectRefusedWithoutTrace(
      { media: mp4(), report: report('video', { frameCount: 30 }), selfie: jpeg(320, 240) },
      { status: 422, code: 'image-too-small' },
    );
  });
});

describe('report', () => {
  it('refuses a missing report', async () => {
    await expectRefusedWithoutTrace({ report: null }, { status: 422, code: 'invalid-report' });
  });

  it('refuses a report that is not JSON or not a CaptureReport', async () => {
    await expectRefusedWithoutTrace({ report: '{oops' }, { status: 422, code: 'invalid-report' });
    await expectRefusedWithoutTrace(
      { report: JSON.stringify({ version: 2 }) },
      { status: 422, code: 'invalid-report' },
    );
  });

  it('refuses a report whose mode does not match the media', async () => {
    const message = await expectRefusedWithoutTrace(
      { media: jpeg(), report: report('video') },
      { status: 422, code: 'invalid-report' },
    );
    expect(message).toMatch(/mode "video".*image/);
  });

  it('refuses tags that do not fit the mode', async () => {
    await expectRefusedWithoutTrace(
      { report: report('image', { tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'] }) },
      { status: 422, code: 'invalid-report' },
    );
    await expectRefusedWithoutTrace(
      { report: report('image', { tags: ['video_selfie', 'orientation_portrait', 'orientation_landscape'] }) },
      { status: 422, code: 'invalid-report' },
    );
  });

  it('refuses a shotset whose frame count disagrees with the archive', async () => {
    await expectRefusedWithoutTrace(
      { media: zip({ 'a.jpg': jpeg(), 'b.jpg': jpeg(480, 640, 'smooth') }), report: shotsetReport(3) },
      { status: 422, code: 'invalid-report' },
    );
  });
});

describe('video', () => {
  it('needs a selfie part', async () => {
    await expectRefusedWithoutTrace(
      { media: mp4(), report: report('video', { frameCount: 30 }) },
      { status: 400, code: 'invalid-request' },
    );
  });

  it('uses the selfie part as the still', async () => {
    const { backend } = await setup();
    const { captureToken } = await createSession(backend);
    const selfie = jpeg(360, 480, 'noise', 3);
    const response = await backend.fetch(
      uploadRequest(captureToken, { media: mp4(), report: report('video', { frameCount: 30 }), selfie }),
    );
    expect(response.status).toBe(202);
    await backend.processor.whenIdle();
    const { media } = kairos.calls[0]!;
    expect(media).toMatchObject({ kind: 'video', contentType: 'video/mp4', selfieSize: { width: 360, height: 480 } });
    expect(media.selfieJpeg).toEqual(selfie);
  });
});

describe('shotset ZIP', () => {
  it('gives providers every frame and the sharpest one as the selfie', async () => {
    const { backend, store } = await setup();
    const { captureToken, sessionId } = await createSession(backend);
    const frames = {
      'frame-1.jpg': jpeg(480, 640, 'smooth'),
      'frame-2.jpg': jpeg(480, 640, 'noise', 5),
      'frame-3.png': png(480, 640, 'smooth'),
    };
    const response = await backend.fetch(
      uploadRequest(captureToken, { media: zip(frames, 6), report: shotsetReport(3) }),
    );
    expect(response.status).toBe(202);
    await backend.processor.whenIdle();
    const { media } = oz.calls[0]!;
    expect(media.kind).toBe('shotset');
    expect(media.frames).toHaveLength(3);
    expect(media.frames?.[1]).toEqual(frames['frame-2.jpg']);
    expect([...media.frames![2]!.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(media.selfieJpeg).toEqual(frames['frame-2.jpg']);
    expect((await store.findCheckForSession(sessionId))?.media.selfieSource).toBe('shotset-sharpest:frame-2.jpg');
  });

  it('refuses a corrupt archive (invalid-zip)', async () => {
    const corrupt = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(200).fill(7)]);
    await expectRefusedWithoutTrace({ media: corrupt, report: shotsetReport(1) }, { status: 422, code: 'invalid-zip' });
  });

  it('refuses an archive whose entry fails its CRC (invalid-zip)', async () => {
    const archive = zip({ 'a.jpg': jpeg() });
    archive[200] = archive[200]! ^ 0xff; // inside the stored JPEG bytes
    await expectRefusedWithoutTrace({ media: archive, report: shotsetReport(1) }, { status: 422, code: 'invalid-zip' });
  });

  it('refuses a zip bomb by compression ratio (zip-limits)', async () => {
    const bomb = zip({ 'a.jpg': new Uint8Array(8 * 1024 * 1024) }, 9);
    const message = await expectRefusedWithoutTrace(
      { media: bomb, report: shotsetReport(1) },
      { status: 422, code: 'zip-limits' },
    );
    expect(message).toMatch(/compresses \d+:1/);
  });

  it('refuses an entry that inflates beyond the size it declares (zip-limits)', async () => {
    const honest = zip({ 'a.jpg': new Uint8Array(4 * 1024 * 1024) }, 9);
    const compressed = new DataView(honest.buffer).getUint32(honest.length - 22 - 46 - 5 + 20, true);
    const lying = withDeclaredSize(honest, compressed * 50);
    const message = await expectRefusedWithoutTrace(
      { media: lying, report: shotsetReport(1) },
      { status: 422, code: 'zip-limits' },
    );
    expect(message).toContain('beyond its declared size');
  });

  it('refuses more than 30 entries (zip-limits)', async () => {
    const entries = Object.fromEntries(
      Array.from({ length: 31 }, (_, index) => [`f${index}.jpg`, new Uint8Array([1, 2, 3])]),
    );
    await expectRefusedWithoutTrace(
      { media: zip(entries), report: shotsetReport(31) },
      { status: 422, code: 'zip-limits' },
    );
  });

  it.each([['../evil.jpg'], ['frames/a.jpg'], ['..\\evil.jpg'], ['C:evil.jpg']])(
    'refuses the entry name %s (invalid-zip)',
    async (name) => {
      await expectRefusedWithoutTrace(
        { media: zip({ [name]: jpeg() }), report: shotsetReport(1) },
        { status: 422, code: 'invalid-zip' },
      );
    },
  );

  it('refuses directory entries (invalid-zip)', async () => {
    const archive = zipSync({ 'frames/': new Uint8Array(0), 'a.jpg': [jpeg(), { level: 0 }] });
    await expectRefusedWithoutTrace({ media: archive, report: shotsetReport(2) }, { status: 422, code: 'invalid-zip' });
  });

  it('refuses a nested archive, by name or by content (invalid-zip)', async () => {
    const inner = zip({ 'a.jpg': jpeg() });
    await expectRefusedWithoutTrace(
      { media: zip({ 'inner.zip': inner }), report: shotsetReport(1) },
      { status: 422, code: 'invalid-zip' },
    );
    const message = await expectRefusedWithoutTrace(
      { media: zip({ 'frame.jpg': inner }), report: shotsetReport(1) },
      { status: 422, code: 'invalid-zip' },
    );
    expect(message).toContain('nested archive');
  });

  it('refuses an entry that is not a JPEG or PNG (415)', async () => {
    await expectRefusedWithoutTrace(
      {
        media: zip({ 'a.jpg': new TextEncoder().encode('plain text pretending to be a frame') }),
        report: shotsetReport(1),
      },
      { status: 415, code: 'unsupported-media-type' },
    );
  });

  it('refuses an entry image that is too small (image-too-small)', async () => {
    await expectRefusedWithoutTrace(
      { media: zip({ 'a.jpg': jpeg(200, 200) }), report: shotsetReport(1) },
      { status: 422, code: 'image-too-small' },
    );
  });
});

describe('multipart shape', () => {
  it('requires the media part', async () => {
    await expectRefusedWithoutTrace({ media: null }, { status: 400, code: 'invalid-request' });
  });

  it('refuses a body that is not multipart', async () => {
    const { backend } = await setup();
    const { captureToken } = await createSession(backend);
    const response = await backend.fetch(
      new Request('http://backend.test/checks', {
        method: 'POST',
        headers: { authorization: `Bearer ${captureToken}`, 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(response.status).toBe(415);
    expect(await errorCode(response)).toBe('unsupported-media-type');
  });
});
