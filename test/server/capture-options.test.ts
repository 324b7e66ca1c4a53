/**
 * Which media the configured providers accept: the pure table, GET /capture-options over real HTTP, and the refusal
 * at POST /checks of a type a provider does not take (Oz and WebM), which stores nothing and leaves the token usable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/node/serve.js';
import { createLivenessBackend, type LivenessBackend } from '../../src/server/app.js';
import {
  acceptedMediaTypes,
  captureOptions,
  isMediaTypeAccepted,
} from '../../src/server/providers/media-acceptance.js';
import { prepareOzUpload } from '../../src/server/providers/oz/upload.js';
import { ProviderError, type CheckMedia } from '../../src/server/providers/types.js';
import { createMemoryStore, type MemoryStore } from '../../src/server/store/memory.js';
import type { ProviderName } from '../../src/shared/providers.js';
import { API_KEY, fakeAdapter, jpeg, mp4, report, testConfig, zip, type FakeAdapter } from './support/backend.js';

const SHOP = 'https://shop.example';
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
/** An EBML header with DocType webm: what the sniffer needs to call it WebM (the body is never decoded). */
const webm = () =>
  new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...ascii('webm'), ...Array(64).fill(1)]);

describe('media acceptance (pure)', () => {
  it('takes what every configured provider takes', () => {
    expect(acceptedMediaTypes(['kairos'])).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
      'application/zip',
      'video/mp4',
      'video/webm',
    ]);
    expect(acceptedMediaTypes(['oz'])).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
      'application/zip',
      'video/mp4',
    ]);
    expect(acceptedMediaTypes(['oz', 'kairos'])).toEqual(acceptedMediaTypes(['oz']));
    expect(acceptedMediaTypes(['kairos', 'oz'])).toEqual(acceptedMediaTypes(['oz']));
  });

  it.each<[ProviderName[], string, boolean]>([
    [['oz'], 'video/webm', false],
    [['oz', 'kairos'], 'video/webm', false],
    [['kairos'], 'video/webm', true],
    [['oz'], 'video/mp4', true],
    [['oz'], 'application/zip', true],
    [['oz', 'kairos'], 'image/jpeg', true],
    [['kairos'], 'text/html', false],
  ])('%j accepts %s: %s', (providers, type, expected) => {
    expect(isMediaTypeAccepted(type, providers)).toBe(expected);
  });

  it('tells the widget the recording containers and whether a shotset goes', () => {
    expect(captureOptions(['oz', 'kairos'])).toEqual({ clipTypes: ['video/mp4'], shotset: true });
    expect(captureOptions(['oz'])).toEqual({ clipTypes: ['video/mp4'], shotset: true });
    expect(captureOptions(['kairos'])).toEqual({ clipTypes: ['video/mp4', 'video/webm'], shotset: true });
  });

  it('never lets the Oz adapter send a WebM, even from a check stored before the rule', async () => {
    const media: CheckMedia = {
      kind: 'video',
      contentType: 'video/webm',
      fileName: 'capture.webm',
      bytes: webm(),
      tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'],
      selfieJpeg: jpeg(),
      selfieSize: { width: 480, height: 640 },
    };
    const refused = await prepareOzUpload(media).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ provider: 'oz', code: 'provider-media-unsupported' });
    await expect(prepareOzUpload({ ...media, contentType: 'video/mp4', bytes: mp4() })).resolves.toMatchObject({
      contentType: 'video/mp4',
    });
  });
});

describe('over real HTTP', () => {
  let server: RunningServer | undefined;
  let backend: LivenessBackend | undefined;
  afterEach(async () => {
    await backend?.close();
    await server?.close();
    backend = undefined;
    server = undefined;
  });

  async function start(providers: ProviderName[]) {
    const store: MemoryStore = await createMemoryStore();
    const adapters: FakeAdapter[] = providers.map((name) => fakeAdapter(name));
    backend = createLivenessBackend({
      config: testConfig({ LIVENESS_PROVIDERS: providers.join(','), LIVENESS_ALLOWED_ORIGINS: SHOP }),
      adapters,
      store,
    });
    const local = backend;
    server = await serve((request, env) => local.fetch(request, env));
    return { url: server.url, store, adapters };
  }

  async function session(url: string): Promise<{ sessionId: string; captureToken: string }> {
    const created = await fetch(`${url}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(created.status).toBe(201);
    return (await created.json()) as { sessionId: string; captureToken: string };
  }

  function upload(url: string, token: string, media: Uint8Array, mode: 'video' | 'shotset') {
    const form = new FormData();
    form.set('media', new Blob([media.slice()], { type: 'video/webm' }), 'clip.bin');
    form.set('selfie', new Blob([jpeg()], { type: 'image/jpeg' }), 'selfie.jpg');
    form.set('report', JSON.stringify(report(mode)));
    return fetch(`${url}/checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: SHOP },
      body: form,
    });
  }

  it('answers the options per provider with CORS, and does not use up the token', async () => {
    const { url } = await start(['oz', 'kairos']);
    const { captureToken } = await session(url);
    const preflight = await fetch(`${url}/capture-options`, {
      method: 'OPTIONS',
      headers: {
        origin: SHOP,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP);

    const options = await fetch(`${url}/capture-options`, {
      headers: { authorization: `Bearer ${captureToken}`, origin: SHOP },
    });
    expect(options.status).toBe(200);
    expect(options.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(await options.json()).toEqual({ clipTypes: ['video/mp4'], shotset: true });

    const anonymous = await fetch(`${url}/capture-options`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'token-missing' } });

    // Read twice, the token still uploads.
    await fetch(`${url}/capture-options`, { headers: { authorization: `Bearer ${captureToken}` } });
    expect((await upload(url, captureToken, mp4(), 'video')).status).toBe(202);
  });

  it('refuses a WebM for Oz with media-type-not-accepted, storing nothing; MP4 and a shotset pass', async () => {
    const { url, store, adapters } = await start(['oz', 'kairos']);
    const { sessionId, captureToken } = await session(url);
    const refused = await upload(url, captureToken, webm(), 'video');
    expect(refused.status).toBe(415);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('media-type-not-accepted');
    expect(body.error.message).toContain('video/webm');
    expect(body.error.message).toContain('video/mp4');
    expect(await store.findCheckForSession(sessionId)).toBeNull();
    expect(store.mediaCount()).toBe(0);

    // The same token then carries an accepted MP4.
    expect((await upload(url, captureToken, mp4(), 'video')).status).toBe(202);
    await backend!.processor.whenIdle();
    expect(adapters.map((adapter) => adapter.calls.map((call) => call.media.contentType))).toEqual([
      ['video/mp4'],
      ['video/mp4'],
    ]);

    const second = await session(url);
    const frames = zip({ 'frame_0.jpg': jpeg(), 'frame_1.jpg': jpeg(480, 640, 'noise', 2) });
    const shotset = new FormData();
    shotset.set('media', new Blob([frames.slice()], { type: 'application/zip' }), 'clip.zip');
    shotset.set('report', JSON.stringify(report('shotset', { frameCount: 2, clipFallback: 'not-accepted' })));
    const accepted = await fetch(`${url}/checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${second.captureToken}` },
      body: shotset,
    });
    expect(accepted.status).toBe(202);
    const stored = await store.findCheckForSession(second.sessionId);
    expect(stored?.report.clipFallback).toBe('not-accepted');
  });

  it('accepts WebM when only Kairos is configured (it is sent the JPEG still)', async () => {
    const { url } = await start(['kairos']);
    const { captureToken } = await session(url);
    const options = await fetch(`${url}/capture-options`, { headers: { authorization: `Bearer ${captureToken}` } });
    expect(await options.json()).toEqual({ clipTypes: ['video/mp4', 'video/webm'], shotset: true });
    expect((await upload(url, captureToken, webm(), 'video')).status).toBe(202);
  });
});
