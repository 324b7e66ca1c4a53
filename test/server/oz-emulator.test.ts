/**
 * The Oz emulator over real HTTP: the documented contract (§1) and the edge cases of §1.11, without the adapter.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { startOzEmulator, type OzEmulatorOptions, type RunningOzEmulator } from '../../src/sandbox/oz-emulator.js';
import {
  DOCUMENTED_SPOOF_CONFIDENCE_SPOOFING as SANDBOX_SPOOF_CONFIDENCE_SPOOFING,
  documentedConfidenceSpoofing as sandboxConfidenceSpoofing,
} from './support/sandbox-scores.js';
import { makeJpeg, makeMp4, makePng, makeShotset, makeWebm, manualClock } from './oz-support.js';

const TOKEN = 'X-Forensic-Access-Token';
const VIDEO_TAGS = ['video_selfie', 'video_selfie_blank', 'orientation_portrait'];

type Json = Record<string, unknown>;
type Headers = Record<string, string>;
interface CallInit {
  json?: unknown;
  form?: FormData;
  headers?: Headers;
  /** Token to send; the logged-in one by default, none with null. */
  token?: string | null;
}
interface UploadFile {
  bytes: Uint8Array;
  name: string;
  type: string;
  tags?: string[];
}

interface Api {
  emulator: RunningOzEmulator;
  token: string;
  call(method: string, path: string, init?: CallInit): Promise<{ status: number; body: unknown }>;
  createFolder(files: UploadFile[], headers?: Headers): Promise<Json>;
  startQuality(folderId: string, mediaIds?: string[], headers?: Headers, extra?: Json): Promise<Json>;
  pollUntilFinal(analysisId: string): Promise<Json>;
  login(): Promise<string>;
  close(): Promise<void>;
}

async function openApi(options: OzEmulatorOptions = {}): Promise<Api> {
  const emulator = await startOzEmulator(options);
  const call: Api['call'] = async (method, path, init = {}) => {
    const headers: Headers = { ...init.headers };
    if (init.token !== null) headers[TOKEN] = init.token ?? api.token;
    if (init.json !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(emulator.url + path, {
      method,
      headers,
      body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const login = async (): Promise<string> => {
    const response = await call('POST', '/api/authorize/auth', {
      token: null,
      json: { credentials: { email: emulator.credentials.login, password: emulator.credentials.password } },
    });
    return (response.body as Json).access_token as string;
  };
  const api: Api = {
    emulator,
    token: await login(),
    call,
    login,
    async createFolder(files, headers) {
      const form = new FormData();
      const tags: Record<string, string[]> = {};
      files.forEach((file, i) => {
        form.append(`media_${i}`, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
        if (file.tags) tags[`media_${i}`] = file.tags;
      });
      form.append('payload', JSON.stringify({ 'media:tags': tags, 'folder:meta_data': { transaction_id: 'tx-1' } }));
      const response = await call('POST', '/api/folders/', { form, ...(headers ? { headers } : {}) });
      expect(response.status).toBe(201);
      return response.body as Json;
    },
    async startQuality(folderId, mediaIds, headers, extra = {}) {
      const analysis = { type: 'quality', ...(mediaIds ? { source_media: mediaIds } : {}) };
      const response = await call('POST', `/api/folders/${folderId}/analyses/`, {
        json: { analyses: [analysis], ...extra },
        ...(headers ? { headers } : {}),
      });
      expect(response.status).toBe(201);
      const list = response.body as Json[];
      return list[0]!;
    },
    async pollUntilFinal(analysisId) {
      for (let i = 0; i < 20; i++) {
        const { body } = await call('GET', `/api/analyses/${analysisId}`);
        const analysis = body as Json;
        if (!['INITIAL', 'PROCESSING'].includes(analysis.resolution_status as string)) return analysis;
      }
      throw new Error('analysis never finished');
    },
    close: () => emulator.close(),
  };
  return api;
}

const idOf = (analysis: Json): string => (analysis.analyse_id ?? analysis.analysis_id) as string;
const folderIdOf = (folder: Json): string => folder.folder_id as string;
const ozError = (status: number, code: number) => ({ status, body: expect.objectContaining({ error_code: code }) });
/** The `results_media` entry the emulator should give a media scored from `bytes`. */
const scoredEntry = (key: string, mediaId: string, bytes: Uint8Array) => ({
  [key]: mediaId,
  resolution_status: 'SUCCESS',
  results_data: { confidence_spoofing: sandboxConfidenceSpoofing(bytes) },
});
const mediaIdOf = (folder: Json, index = 0): string => (folder.media as Json[])[index]!.media_id as string;

describe('Oz emulator on API 5.2.0', () => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi({ apiVersion: '5.2.0', analysisMs: 0 });
  });
  afterAll(() => api.close());

  it('accepts paths with and without a trailing slash', async () => {
    const folder = await api.createFolder([{ bytes: makeJpeg(), name: 'a.jpg', type: 'image/jpeg', tags: VIDEO_TAGS }]);
    const withSlash = await api.call('GET', `/api/folders/${folderIdOf(folder)}/`);
    const withoutSlash = await api.call('GET', `/api/folders/${folderIdOf(folder)}`);
    expect(withSlash.status).toBe(200);
    expect(withoutSlash.body).toEqual(withSlash.body);
  });

  it('answers create-folder with an object, add-media and start-analyses with arrays, lists with {items}', async () => {
    const folder = await api.createFolder([{ bytes: makeMp4(), name: 'v.mp4', type: 'video/mp4', tags: VIDEO_TAGS }]);
    expect(folder).toMatchObject({ resolution_status: 'INITIAL', meta_data: { transaction_id: 'tx-1' } });
    expect(folder.media).toEqual([
      expect.objectContaining({ media_type: 'VIDEO_FOLDER', tags: VIDEO_TAGS, original_name: 'v.mp4' }),
    ]);

    const form = new FormData();
    form.append('photo1', new Blob([new Uint8Array(makePng())], { type: 'image/png' }), 'p.png');
    const added = await api.call('POST', `/api/folders/${folderIdOf(folder)}/media/`, { form });
    expect(added.status).toBe(201);
    expect(added.body).toEqual([expect.objectContaining({ media_type: 'IMAGE_FOLDER', tags: [] })]);

    const started = await api.call('POST', `/api/folders/${folderIdOf(folder)}/analyses`, {
      json: { analyses: [{ type: 'quality', source_media: [mediaIdOf(folder)] }] },
    });
    expect(Array.isArray(started.body)).toBe(true);
    const first = (started.body as Json[])[0];
    expect(first).toMatchObject({ type: 'QUALITY', state: 'INITIAL', resolution_status: 'INITIAL' });

    const list = await api.call('GET', '/api/folders/?meta_data=transaction_id==tx-1&with_analyses=true');
    const items = (list.body as { items: Json[] }).items;
    expect(items.map((item) => item.folder_id)).toContain(folder.folder_id);
    const listed = items.find((item) => item.folder_id === folder.folder_id)!;
    expect(listed.analyses).toEqual([expect.objectContaining({ type: 'QUALITY' })]);
    const none = await api.call('GET', '/api/folders/?meta_data=transaction_id==nobody');
    expect(none.body).toEqual({ items: [] });
  });

  it('reports PROCESSING until the analysis time is over, then the final status; the folder follows', async () => {
    let clock = Date.now();
    const timed = await openApi({ apiVersion: '5.2.0', analysisMs: 5_000, now: () => clock });
    try {
      const bytes = makeJpeg(3);
      const folder = await timed.createFolder([{ bytes, name: 'a.jpg', type: 'image/jpeg', tags: ['video_selfie'] }]);
      const analysis = await timed.startQuality(folderIdOf(folder), [mediaIdOf(folder)]);
      const statuses: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { body } = await timed.call('GET', `/api/analyses/${idOf(analysis)}`);
        statuses.push((body as Json).resolution_status as string);
        if (i === 0) {
          const folderNow = await timed.call('GET', `/api/folders/${folderIdOf(folder)}`);
          expect((folderNow.body as Json).resolution_status).toBe('PROCESSING');
        }
      }
      expect(statuses).toEqual(['PROCESSING', 'PROCESSING', 'PROCESSING']);
      clock += 5_000;
      const final = (await timed.call('GET', `/api/analyses/${idOf(analysis)}`)).body as Json;
      // On >= 5.0 a plain image is scored itself. The docs name no result key for an image (only
      // source_video_id and source_shots_set_id), so the emulator gives none: clients must match by position.
      expect(final).toMatchObject({ state: 'FINISHED', resolution: 'SUCCESS' });
      const entries = final.results_media as Json[];
      expect(entries).toHaveLength(1);
      expect(Object.keys(entries[0]!).filter((key) => key.startsWith('source_'))).toEqual([]);
      expect(entries[0]).toMatchObject({
        resolution_status: 'SUCCESS',
        results_data: { confidence_spoofing: sandboxConfidenceSpoofing(bytes) },
      });
      const folderAfter = await timed.call('GET', `/api/folders/${folderIdOf(folder)}?with_analyses=true`);
      expect((folderAfter.body as Json).resolution_status).toBe('FINISHED');
    } finally {
      await timed.close();
    }
  });

  it('scores a shot set by source_shots_set_id and a video by source_video_id, one entry per media', async () => {
    const zip = makeShotset([makeJpeg(1), makeJpeg(2)]);
    const video = makeMp4(5);
    const folder = await api.createFolder([
      { bytes: zip, name: 's.zip', type: 'application/zip', tags: VIDEO_TAGS },
      { bytes: video, name: 'v.mp4', type: 'video/mp4', tags: VIDEO_TAGS },
    ]);
    const analysis = await api.pollUntilFinal(idOf(await api.startQuality(folderIdOf(folder))));
    expect(analysis.results_media).toEqual([
      scoredEntry('source_shots_set_id', mediaIdOf(folder, 0), zip),
      scoredEntry('source_video_id', mediaIdOf(folder, 1), video),
    ]);
  });

  it('sniffs the media type from the bytes, not the declared MIME type', async () => {
    const folder = await api.createFolder([
      { bytes: makeWebm(), name: 'clip.bin', type: 'application/octet-stream', tags: VIDEO_TAGS },
      { bytes: makeJpeg(), name: 'x.mp4', type: 'video/mp4', tags: VIDEO_TAGS },
    ]);
    expect((folder.media as Json[]).map((media) => media.media_type)).toEqual(['VIDEO_FOLDER', 'IMAGE_FOLDER']);
    const form = new FormData();
    form.append('f', new Blob([new Uint8Array([1, 2, 3, 4, 5])], { type: 'image/jpeg' }), 'fake.jpg');
    const refused = await api.call('POST', '/api/folders/', { form });
    expect(refused).toMatchObject({ status: 400, body: { error_code: 4 } });
    const emptyZip = new FormData();
    emptyZip.append('f', new Blob([new Uint8Array(makeShotset([new Uint8Array([9, 9, 9])]))]), 'z.zip');
    expect((await api.call('POST', '/api/folders/', { form: emptyZip })).body).toMatchObject({ error_code: 4 });
  });

  it('skips media without a video_selfie tag; with nothing usable the analysis FAILS on >= 5.0', async () => {
    const photo = { bytes: makeJpeg(), name: 'a.jpg', type: 'image/jpeg', tags: ['photo_selfie'] };
    const folder = await api.createFolder([photo]);
    const analysis = await api.pollUntilFinal(idOf(await api.startQuality(folderIdOf(folder))));
    expect(analysis).toMatchObject({ state: 'FAILED', resolution_status: 'FAILED', results_media: [] });
  });

  it('plays the spoof scenario: DECLINED with a high confidence_spoofing', async () => {
    const folder = await api.createFolder([{ bytes: makeMp4(), name: 'v.mp4', type: 'video/mp4', tags: VIDEO_TAGS }], {
      'x-sandbox-scenario': 'spoof',
    });
    const analysis = await api.pollUntilFinal(idOf(await api.startQuality(folderIdOf(folder))));
    expect(analysis).toMatchObject({
      resolution_status: 'DECLINED',
      results_media: [
        { resolution_status: 'DECLINED', results_data: { confidence_spoofing: SANDBOX_SPOOF_CONFIDENCE_SPOOFING } },
      ],
    });
  });

  it('plays the failed scenario: FAILED without results, and the folder is FAILED too', async () => {
    const folder = await api.createFolder([{ bytes: makeMp4(), name: 'v.mp4', type: 'video/mp4', tags: VIDEO_TAGS }]);
    const started = await api.startQuality(folderIdOf(folder), undefined, { 'x-sandbox-scenario': 'failed' });
    const analysis = await api.pollUntilFinal(idOf(started));
    expect(analysis).toMatchObject({ state: 'FAILED', resolution_status: 'FAILED', results_media: [] });
    expect(analysis.results_data).toBeUndefined();
    const folderAfter = await api.call('GET', `/api/folders/${folderIdOf(folder)}`);
    expect((folderAfter.body as Json).resolution_status).toBe('FAILED');
  });

  it('plays slow:<ms> and legacy-scores: the analysis ends after a time, however often it is read', async () => {
    let clock = Date.now();
    const timed = await openApi({ apiVersion: '5.2.0', now: () => clock });
    try {
      const folder = await timed.createFolder([
        { bytes: makeMp4(), name: 'v.mp4', type: 'video/mp4', tags: VIDEO_TAGS },
      ]);
      const scenario = { 'x-sandbox-scenario': 'slow:60000,legacy-scores' };
      const started = await timed.startQuality(folderIdOf(folder), undefined, scenario);
      const statuses: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { body } = await timed.call('GET', `/api/analyses/${idOf(started)}`);
        statuses.push((body as Json).resolution_status as string);
      }
      expect(statuses).toEqual(['PROCESSING', 'PROCESSING', 'PROCESSING', 'PROCESSING', 'PROCESSING']);
      clock += 60_000;
      const final = (await timed.call('GET', `/api/analyses/${idOf(started)}`)).body as Json;
      expect(final.resolution_status).toBe('SUCCESS');
      expect(Object.keys((final.results_media as Json[])[0]!.results_data as Json).sort()).toEqual([
        'confidence_liveness',
        'confidence_replay',
        'confidence_spoofing',
      ]);
    } finally {
      await timed.close();
    }
  });

  it('rejects an unknown scenario name instead of silently playing "live"', async () => {
    const response = await api.call('GET', '/api/folders/', { headers: { 'x-sandbox-scenario': 'spooof' } });
    expect(response).toMatchObject({ status: 400, body: { error_code: 4 } });
  });

  it('answers 404 / error_code 10 for unknown ids and 400 / error_code 4 for malformed ids', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await api.call('GET', `/api/analyses/${unknown}`)).toEqual({
      status: 404,
      body: { error_code: 10, error_message: 'Analysis not found', details: { id: unknown } },
    });
    expect(await api.call('GET', `/api/folders/${unknown}`)).toMatchObject({ status: 404, body: { error_code: 10 } });
    expect(await api.call('GET', '/api/analyses/not-a-uuid')).toMatchObject({ status: 400, body: { error_code: 4 } });
    expect(await api.call('GET', '/api/folders/123/')).toMatchObject({ status: 400, body: { error_code: 4 } });
  });

  it('answers error_code 3 for a bad payload or a missing analyses key', async () => {
    const form = new FormData();
    form.append('media_0', new Blob([new Uint8Array(makeJpeg())], { type: 'image/jpeg' }), 'a.jpg');
    form.append('payload', '{"media:tags": ');
    expect(await api.call('POST', '/api/folders/', { form })).toMatchObject({ status: 400, body: { error_code: 3 } });

    const folder = await api.createFolder([{ bytes: makeJpeg(), name: 'a.jpg', type: 'image/jpeg', tags: VIDEO_TAGS }]);
    const path = `/api/folders/${folderIdOf(folder)}/analyses/`;
    const missing = await api.call('POST', path, { json: { analyse: [] } });
    expect(missing).toMatchObject({ status: 400, body: { error_code: 3 } });
    const notJson = await api.call('POST', '/api/folders/', { json: { not: 'multipart' } });
    expect(notJson).toMatchObject({ status: 400, body: { error_code: 3 } });
  });

  it('takes lowercase request types only and answers with uppercase ones', async () => {
    const folder = await api.createFolder([{ bytes: makeJpeg(), name: 'a.jpg', type: 'image/jpeg', tags: VIDEO_TAGS }]);
    const upper = await api.call('POST', `/api/folders/${folderIdOf(folder)}/analyses/`, {
      json: { analyses: [{ type: 'QUALITY' }] },
    });
    expect(upper).toMatchObject({ status: 400, body: { error_code: 4 } });
    const documents = await api.call('POST', `/api/folders/${folderIdOf(folder)}/analyses/`, {
      json: { analyses: [{ type: 'documents' }] },
    });
    expect(documents).toMatchObject({ status: 501, body: { error_code: 2 } });
  });

  it('runs BIOMETRY on every pair except photo_id_back and fails with fewer than 2 media', async () => {
    const folder = await api.createFolder([
      { bytes: makeJpeg(1), name: 'a.jpg', type: 'image/jpeg', tags: ['photo_selfie'] },
      { bytes: makeJpeg(2), name: 'b.jpg', type: 'image/jpeg', tags: ['photo_id_front'] },
      { bytes: makeJpeg(3), name: 'c.jpg', type: 'image/jpeg', tags: ['photo_id_back'] },
    ]);
    const started = await api.call('POST', `/api/folders/${folderIdOf(folder)}/analyses/`, {
      json: { analyses: [{ type: 'biometry' }] },
    });
    const analysis = await api.pollUntilFinal(idOf((started.body as Json[])[0]!));
    expect(analysis).toMatchObject({ type: 'BIOMETRY', resolution_status: 'SUCCESS' });
    const data = analysis.results_data as { min_confidence: number; max_confidence: number };
    expect(data.min_confidence).toBe(data.max_confidence); // one usable pair only: photo_id_back is ignored
    const single = await api.call('POST', `/api/folders/${folderIdOf(folder)}/analyses/`, {
      json: { analyses: [{ type: 'biometry', source_media: [mediaIdOf(folder, 0)] }] },
    });
    expect(await api.pollUntilFinal(idOf((single.body as Json[])[0]!))).toMatchObject({ resolution_status: 'FAILED' });
  });

  it('answers 405 / error_code 1 for a wrong method, 403 / error_code 9 for a forbidden action', async () => {
    expect(await api.call('PUT', '/api/analyses/00000000-0000-4000-8000-000000000000')).toMatchObject({
      status: 405,
      body: { error_code: 1 },
    });
    const folder = await api.createFolder([{ bytes: makeJpeg(), name: 'a.jpg', type: 'image/jpeg' }]);
    expect(await api.call('DELETE', `/api/folders/${folderIdOf(folder)}`)).toEqual(ozError(403, 9));
  });

  it('retags a media with PATCH /api/media/{id}', async () => {
    const folder = await api.createFolder([{ bytes: makeJpeg(), name: 'a.jpg', type: 'image/jpeg' }]);
    const patched = await api.call('PATCH', `/api/media/${mediaIdOf(folder)}`, { json: { tags: ['video_selfie'] } });
    expect(patched.body).toMatchObject({ tags: ['video_selfie'] });
  });

  it('fails a request once with 500 under server-error-once, and answers the same request again', async () => {
    const headers = { 'x-sandbox-scenario': 'server-error-once' };
    const first = await api.call('GET', '/api/folders/?meta_data=transaction_id==once', { headers });
    const second = await api.call('GET', '/api/folders/?meta_data=transaction_id==once', { headers });
    expect(first).toMatchObject({ status: 500, body: { error_code: 0 } });
    expect(second).toEqual({ status: 200, body: { items: [] } });
  });
});

describe('Oz emulator tokens', () => {
  const clock = manualClock();
  let api: Api;
  beforeAll(async () => {
    api = await openApi({ tokenTtlSeconds: 900, now: clock.now });
  });
  afterAll(() => api.close());

  it('answers error_code 6 without a token and 7 for an unknown token', async () => {
    expect(await api.call('GET', '/api/folders/', { token: null })).toEqual(ozError(401, 6));
    expect(await api.call('GET', '/api/folders/', { token: 'nope' })).toEqual(ozError(401, 7));
  });

  it('refuses wrong credentials', async () => {
    const response = await api.call('POST', '/api/authorize/auth/', {
      token: null,
      json: { credentials: { email: api.emulator.credentials.login, password: 'wrong' } },
    });
    expect(response).toMatchObject({ status: 401, body: { error_code: 7 } });
  });

  it('slides the expiry on each use and expires after the TTL with error_code 8', async () => {
    const login = await api.call('POST', '/api/authorize/auth', {
      token: null,
      json: { credentials: { email: api.emulator.credentials.login, password: api.emulator.credentials.password } },
    });
    const pair = login.body as { access_token: string; expire_date: number };
    expect(pair.expire_date).toBe(Math.floor((clock.now() + 900_000) / 1000));
    clock.advance(800_000);
    expect((await api.call('GET', '/api/folders/', { token: pair.access_token })).status).toBe(200);
    clock.advance(800_000); // 1600 s after login, but only 800 s after the last use
    expect((await api.call('GET', '/api/folders/', { token: pair.access_token })).status).toBe(200);
    clock.advance(901_000);
    expect(await api.call('GET', '/api/folders/', { token: pair.access_token })).toEqual(ozError(401, 8));
  });

  it('refreshes into a new pair; the old pair works until the new one is used', async () => {
    const login = await api.call('POST', '/api/authorize/auth', {
      token: null,
      json: { credentials: { email: api.emulator.credentials.login, password: api.emulator.credentials.password } },
    });
    const old = login.body as { access_token: string; expire_token: string };
    const wrong = await api.call('POST', '/api/authorize/refresh', {
      token: old.access_token,
      json: { expire_token: 'x' },
    });
    expect(wrong).toEqual(ozError(401, 7));
    const refreshed = await api.call('POST', '/api/authorize/refresh/', {
      token: old.access_token,
      json: { expire_token: old.expire_token },
    });
    const fresh = refreshed.body as { access_token: string };
    expect(fresh.access_token).not.toBe(old.access_token);
    expect((await api.call('GET', '/api/folders/', { token: old.access_token })).status).toBe(200);
    expect((await api.call('GET', '/api/folders/', { token: fresh.access_token })).status).toBe(200);
    expect(await api.call('GET', '/api/folders/', { token: old.access_token })).toEqual(ozError(401, 7));
  });

  it('expires the token right after a request carrying expire-token', async () => {
    const token = await api.login();
    const headers = { 'x-sandbox-scenario': 'expire-token' };
    expect((await api.call('GET', '/api/folders/', { headers, token })).status).toBe(200);
    expect(await api.call('GET', '/api/folders/', { token })).toMatchObject({ status: 401, body: { error_code: 8 } });
  });
});

describe('Oz emulator on API 4.0.8', () => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi({ apiVersion: '4.0.8', analysisMs: 0 });
  });
  afterAll(() => api.close());

  it('ignores a plain image in QUALITY: SUCCESS without any result ("OK without score")', async () => {
    const folder = await api.createFolder([{ bytes: makeJpeg(), name: 'a.jpg', type: 'image/jpeg', tags: VIDEO_TAGS }]);
    const analysis = await api.pollUntilFinal(idOf(await api.startQuality(folderIdOf(folder))));
    expect(analysis).toMatchObject({ resolution_status: 'SUCCESS', results_media: [] });
  });

  it('scores a one-image shot set tagged video_selfie_blank by source_shots_set_id, with legacy numbers', async () => {
    const zip = makeShotset([makeJpeg(4)]);
    const folder = await api.createFolder([{ bytes: zip, name: 's.zip', type: 'application/zip', tags: VIDEO_TAGS }]);
    const started = await api.startQuality(folderIdOf(folder), [mediaIdOf(folder)]);
    expect(started.analyse_id).toEqual(expect.any(String));
    expect(started.params).toEqual({ extract_best_shot: false });
    const analysis = await api.pollUntilFinal(idOf(started));
    const score = sandboxConfidenceSpoofing(zip);
    expect(analysis.results_media).toEqual([
      {
        source_shots_set_id: mediaIdOf(folder),
        resolution_status: 'SUCCESS',
        results_data: { confidence_replay: score, confidence_liveness: score, confidence_spoofing: score },
      },
    ]);
  });

  it('fails QUALITY on photo_id media before 5.1 (tag error)', async () => {
    const folder = await api.createFolder([
      { bytes: makeShotset([makeJpeg()]), name: 's.zip', type: 'application/zip', tags: VIDEO_TAGS },
      { bytes: makeJpeg(), name: 'id.jpg', type: 'image/jpeg', tags: ['photo_id_front'] },
    ]);
    const analysis = await api.pollUntilFinal(idOf(await api.startQuality(folderIdOf(folder))));
    expect(analysis).toMatchObject({ resolution_status: 'FAILED' });
  });
});

describe('Oz emulator on API 6.0.1', () => {
  it('spells the id analysis_id and ignores photo_id media in QUALITY', async () => {
    const api = await openApi({ apiVersion: '6.0.1', analysisMs: 0 });
    try {
      const folder = await api.createFolder([
        { bytes: makeMp4(), name: 'v.mp4', type: 'video/mp4', tags: VIDEO_TAGS },
        { bytes: makeJpeg(), name: 'id.jpg', type: 'image/jpeg', tags: ['photo_id_front'] },
      ]);
      const started = await api.startQuality(folderIdOf(folder));
      expect(started.analysis_id).toEqual(expect.any(String));
      expect(started.analyse_id).toBeUndefined();
      const analysis = await api.pollUntilFinal(idOf(started));
      expect(analysis).toMatchObject({
        resolution_status: 'SUCCESS',
        results_media: [{ source_video_id: mediaIdOf(folder) }],
      });
    } finally {
      await api.close();
    }
  });
});

describe('Oz emulator webhooks', () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ contentType: string | undefined; body: Json }> = [];
  let onReceived: () => void = () => {};

  beforeAll(async () => {
    receiver = createServer((request: IncomingMessage, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        received.push({ contentType: request.headers['content-type'], body: JSON.parse(text) as Json });
        response.writeHead(204).end();
        onReceived();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/oz-hook`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('POSTs the final analysis to resolution_endpoint, without being polled', async () => {
    const api = await openApi({ analysisMs: 600_000, autoFinishMs: 10 });
    try {
      const folder = await api.createFolder([{ bytes: makeMp4(), name: 'v.mp4', type: 'video/mp4', tags: VIDEO_TAGS }]);
      const delivered = new Promise<void>((resolve) => (onReceived = resolve));
      const hook = { resolution_endpoint: receiverUrl };
      const started = await api.startQuality(folderIdOf(folder), undefined, undefined, hook);
      await delivered;
      expect(received).toEqual([
        {
          contentType: 'application/json',
          body: expect.objectContaining({ analyse_id: idOf(started), resolution_status: 'SUCCESS', type: 'QUALITY' }),
        },
      ]);
      expect(api.emulator.state.calls('GET /api/analyses/:id')).toBe(0);
    } finally {
      await api.close(); // waits for the delivery to be answered
    }
    expect(api.emulator.state.webhookDeliveries).toEqual([
      { url: receiverUrl, analysisId: received[0]!.body.analyse_id, status: 204 },
    ]);
  });

  it('refuses a resolution_endpoint that is not an http(s) URL', async () => {
    const api = await openApi();
    try {
      const folder = await api.createFolder([{ bytes: makeMp4(), name: 'v.mp4', type: 'video/mp4', tags: VIDEO_TAGS }]);
      const response = await api.call('POST', `/api/folders/${folderIdOf(folder)}/analyses/`, {
        json: { analyses: [{ type: 'quality' }], resolution_endpoint: 'ftp://example' },
      });
      expect(response).toMatchObject({ status: 400, body: { error_code: 4 } });
    } finally {
      await api.close();
    }
  });
});

describe('Oz emulator limits and variant shapes', () => {
  let api: Api;
  beforeAll(async () => {
    api = await openApi({ apiVersion: '5.2.0', analysisMs: 0 });
  });
  afterAll(() => api.close());

  const upload = (bytes: Uint8Array, type: string, name: string) => {
    const form = new FormData();
    form.append('m', new Blob([new Uint8Array(bytes)], { type }), name);
    form.append('payload', JSON.stringify({ 'media:tags': { m: VIDEO_TAGS } }));
    return api.call('POST', '/api/folders/', { form });
  };

  it('refuses WebP (images are JPEG/PNG only), a WebP frame in a shot set, and a file over 10 MB', async () => {
    const webp = new Uint8Array([
      ...Buffer.from('RIFF'),
      0x1a,
      0,
      0,
      0,
      ...Buffer.from('WEBPVP8 '),
      ...new Array(16).fill(0),
    ]);
    expect(await upload(webp, 'image/webp', 'a.webp')).toEqual(ozError(400, 4));
    expect(await upload(zipSync({ 'a.jpg': makeJpeg(), 'b.webp': webp }), 'application/zip', 's.zip')).toEqual(
      ozError(400, 4),
    );
    const big = new Uint8Array(10_000_001);
    big.set(makeJpeg());
    expect(await upload(big, 'image/jpeg', 'big.jpg')).toEqual(ozError(400, 4));
    expect((await upload(makeJpeg(), 'image/jpeg', 'ok.jpg')).status).toBe(201);
  });

  it('refuses an MP4 whose movie header states more than 5 s', async () => {
    const mp4 = (seconds: number): Uint8Array => {
      const mvhd = Buffer.alloc(108);
      mvhd.writeUInt32BE(108, 0);
      mvhd.write('mvhd', 4, 'latin1');
      mvhd.writeUInt32BE(1000, 20);
      mvhd.writeUInt32BE(seconds * 1000, 24);
      const moov = Buffer.alloc(8);
      moov.writeUInt32BE(116, 0);
      moov.write('moov', 4, 'latin1');
      return new Uint8Array(Buffer.concat([Buffer.from(makeMp4().subarray(0, 24)), moov, mvhd]));
    };
    expect(await upload(mp4(6), 'video/mp4', 'long.mp4')).toEqual(ozError(400, 4));
    expect((await upload(mp4(5), 'video/mp4', 'ok.mp4')).status).toBe(201);
  });

  it('answers variant-shapes with unknown fields, no media[], an object from start-analyses and QUEUED while running', async () => {
    const variant = { 'x-sandbox-scenario': 'variant-shapes,slow:600000' };
    const folder = await api.createFolder(
      [{ bytes: makeMp4(), name: 'v.mp4', type: 'video/mp4', tags: VIDEO_TAGS }],
      variant,
    );
    expect(folder.media).toBeUndefined();
    expect(folder).toHaveProperty('sandbox_note');
    const started = await api.call('POST', `/api/folders/${folderIdOf(folder)}/analyses/`, {
      json: { analyses: [{ type: 'quality' }] },
      headers: variant,
    });
    expect(started.status).toBe(201);
    expect(Array.isArray(started.body)).toBe(false);
    const analysis = started.body as Json;
    // 5.2 usually spells analyse_id; the variant uses the other documented spelling.
    expect(analysis.analysis_id).toEqual(expect.any(String));
    expect(analysis.analyse_id).toBeUndefined();
    const read = (await api.call('GET', `/api/analyses/${analysis.analysis_id as string}`)).body as Json;
    expect(read.resolution_status).toBe('QUEUED');
  });
});
