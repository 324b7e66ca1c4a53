/**
 * The Oz adapter's pure parts, without a network: the decision rules, the upload preparation (API-version
 * switch), the error mapping and version arithmetic.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import {
  analysisStatus,
  decideQuality,
  findMediaResult,
  isPending,
  readAnalysisStatus,
} from '../../src/server/providers/oz/decision.js';
import { OZ_MAX_FILE_BYTES, videoDurationSeconds } from '../../src/server/providers/oz/media-limits.js';
import { ozProviderError, parseOzErrorBody, providerErrorCodeFor } from '../../src/server/providers/oz/errors.js';
import { expireDateMs, type OzAnalysis } from '../../src/server/providers/oz/types.js';
import { analysisIdsIn } from '../../src/server/providers/oz/webhook.js';
import { OZ_MEDIA_FIELD, prepareOzUpload, uploadPayload } from '../../src/server/providers/oz/upload.js';
import { parseApiVersion } from '../../src/server/providers/oz/version.js';
import { ProviderError, type ProviderErrorCode } from '../../src/server/providers/types.js';
import { imageMedia, makeMp4, makePng, shotsetMedia, videoMedia } from './oz-support.js';

const MEDIA = 'm-1';

function finished(status: string, entries: OzAnalysis['results_media'] = []): OzAnalysis {
  return {
    analyse_id: 'a-1',
    type: 'QUALITY',
    state: 'FINISHED',
    resolution_status: status,
    resolution: status,
    results_media: entries,
  };
}

function errorCodeOf(run: () => unknown): ProviderErrorCode {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return (error as ProviderError).code;
  }
  throw new Error('expected a ProviderError');
}

describe('analysisStatus', () => {
  it('reads resolution_status, then resolution, then state, and normalises case', () => {
    expect(analysisStatus({ resolution_status: 'PROCESSING', resolution: 'SUCCESS' })).toBe('PROCESSING');
    expect(analysisStatus({ resolution: 'success' })).toBe('SUCCESS');
    expect(analysisStatus({ state: 'INITIAL' })).toBe('INITIAL');
  });

  it('lets a FAILED state win over the other fields', () => {
    expect(analysisStatus({ state: 'FAILED', resolution_status: 'PROCESSING' })).toBe('FAILED');
  });

  it('rejects a missing or unknown status as a protocol error', () => {
    expect(errorCodeOf(() => analysisStatus({}))).toBe('provider-protocol');
    expect(errorCodeOf(() => analysisStatus({ resolution_status: 'MAYBE' }))).toBe('provider-protocol');
  });

  it('treats only INITIAL and PROCESSING as pending', () => {
    const pending = ['INITIAL', 'PROCESSING', 'SUCCESS', 'FAILED'].map((state) => isPending(analysisStatus({ state })));
    expect(pending).toEqual([true, true, false, false]);
  });
});

describe('findMediaResult', () => {
  const keys = ['source_shots_set_id', 'source_video_id'];
  it.each(keys)('matches an entry keyed by %s', (key) => {
    const entry = { [key]: MEDIA, results_data: { confidence_spoofing: 0.1 } };
    const analysis = finished('SUCCESS', [{ source_video_id: 'other' }, entry]);
    expect(findMediaResult(analysis, MEDIA)).toBe(analysis.results_media![1]);
  });

  it('takes the only entry of a one-media analysis, whatever (or whether) it names its source', () => {
    const bare = { results_data: { confidence_spoofing: 0.1 } };
    expect(findMediaResult(finished('SUCCESS', [bare]), MEDIA)).toBe(bare);
    const withSources = {
      ...finished('SUCCESS', [bare]),
      source_media: [{ media_id: MEDIA, media_type: 'IMAGE_FOLDER' }],
    };
    expect(findMediaResult(withSources, MEDIA)).toBe(bare);
    const undocumentedKey = { source_media_id: MEDIA, results_data: { confidence_spoofing: 0.1 } };
    expect(findMediaResult(finished('SUCCESS', [undocumentedKey]), MEDIA)).toBe(undocumentedKey);
  });

  it('never guesses: not with two entries, two sources, or an entry naming another media', () => {
    const bare = { results_data: { confidence_spoofing: 0.1 } };
    expect(findMediaResult(finished('SUCCESS', [bare, bare]), MEDIA)).toBeUndefined();
    expect(findMediaResult({ ...finished('SUCCESS', [bare]), source_media: [MEDIA, 'm-2'] }, MEDIA)).toBeUndefined();
    expect(findMediaResult({ ...finished('SUCCESS', [bare]), source_media: ['m-2'] }, MEDIA)).toBeUndefined();
    expect(findMediaResult(finished('SUCCESS', [{ source_video_id: 'm-2' }]), MEDIA)).toBeUndefined();
  });
});

describe('readAnalysisStatus', () => {
  it('reports an undocumented status as unknown instead of failing, so the poll can go on', () => {
    expect(readAnalysisStatus({ resolution_status: 'QUEUED' })).toEqual({ unknown: 'QUEUED' });
    expect(readAnalysisStatus({})).toEqual({ unknown: 'none' });
    expect(readAnalysisStatus({ resolution_status: 'success' })).toBe('SUCCESS');
  });
});

describe('expireDateMs', () => {
  it('reads Unix seconds, numeric strings and date strings; anything else is unknown', () => {
    expect(expireDateMs(1767225600)).toBe(1767225600_000);
    expect(expireDateMs('1767225600')).toBe(1767225600_000);
    expect(expireDateMs('2026-01-01T00:00:00Z')).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(expireDateMs('soon')).toBeNull();
    expect(expireDateMs(null)).toBeNull();
  });
});

describe('decideQuality', () => {
  it('turns SUCCESS into live with score = 1 - confidence_spoofing', () => {
    const verdict = decideQuality(
      finished('SUCCESS', [
        { source_shots_set_id: MEDIA, resolution_status: 'SUCCESS', results_data: { confidence_spoofing: 0.031 } },
      ]),
      MEDIA,
    );
    expect(verdict).toEqual({
      decision: 'live',
      score: 0.969,
      raw: { name: 'confidence_spoofing', value: 0.031 },
      threshold: null,
      reason: 'resolution_status SUCCESS; confidence_spoofing 0.031',
    });
  });

  it('turns DECLINED into spoof', () => {
    const analysis = finished('DECLINED', [{ source_video_id: MEDIA, results_data: { confidence_spoofing: 0.97 } }]);
    const verdict = decideQuality(analysis, MEDIA);
    expect(verdict).toMatchObject({ decision: 'spoof', score: 0.03 });
  });

  it('picks our media among several and lets a DECLINED media entry outweigh a SUCCESS analysis', () => {
    const analysis = finished('SUCCESS', [
      { source_video_id: 'other', resolution_status: 'SUCCESS', results_data: { confidence_spoofing: 0.02 } },
      { source_video_id: MEDIA, resolution_status: 'DECLINED', results_data: { confidence_spoofing: 0.6 } },
    ]);
    expect(decideQuality(analysis, MEDIA)).toMatchObject({ decision: 'spoof', raw: { value: 0.6 } });
  });

  it('reads confidence_spoofing from the legacy three-number results_data', () => {
    const analysis = finished('SUCCESS', [
      {
        source_shots_set_id: MEDIA,
        results_data: { confidence_replay: 0.1, confidence_liveness: 0.1, confidence_spoofing: 0.1 },
      },
    ]);
    expect(decideQuality(analysis, MEDIA).raw.value).toBe(0.1);
  });

  it('maps FAILED to provider-failed', () => {
    const failed = { state: 'FAILED', resolution_status: 'FAILED' };
    expect(errorCodeOf(() => decideQuality(failed, MEDIA))).toBe('provider-failed');
  });

  it('refuses to pass when Oz finished without a result for our media (media ignored)', () => {
    expect(errorCodeOf(() => decideQuality(finished('SUCCESS'), MEDIA))).toBe('provider-rejected');
    const otherMediaOnly = finished('SUCCESS', [{ source_video_id: 'other' }]);
    expect(errorCodeOf(() => decideQuality(otherMediaOnly, MEDIA))).toBe('provider-rejected');
  });

  it('refuses a result without a usable confidence_spoofing, and statuses that carry no verdict', () => {
    const noScore = finished('SUCCESS', [{ source_video_id: MEDIA, results_data: {} }]);
    expect(errorCodeOf(() => decideQuality(noScore, MEDIA))).toBe('provider-protocol');
    const outOfRange = finished('SUCCESS', [{ source_video_id: MEDIA, results_data: { confidence_spoofing: 7 } }]);
    expect(errorCodeOf(() => decideQuality(outOfRange, MEDIA))).toBe('provider-protocol');
    expect(errorCodeOf(() => decideQuality({ state: 'FINISHED' }, MEDIA))).toBe('provider-protocol');
    expect(errorCodeOf(() => decideQuality(finished('OPERATOR_REQUIRED'), MEDIA))).toBe('provider-protocol');
    expect(errorCodeOf(() => decideQuality(finished('PROCESSING'), MEDIA))).toBe('provider-protocol');
  });
});

/** An MP4 whose moov/mvhd box states `seconds` (timescale 1000). */
function mp4Lasting(seconds: number): Uint8Array {
  const mvhd = Buffer.alloc(8 + 100);
  mvhd.writeUInt32BE(mvhd.length, 0);
  mvhd.write('mvhd', 4, 'latin1');
  mvhd.writeUInt32BE(1000, 8 + 12);
  mvhd.writeUInt32BE(Math.round(seconds * 1000), 8 + 16);
  const moov = Buffer.alloc(8);
  moov.writeUInt32BE(8 + mvhd.length, 0);
  moov.write('moov', 4, 'latin1');
  return new Uint8Array(Buffer.concat([Buffer.from(makeMp4().subarray(0, 24)), moov, mvhd]));
}

async function uploadError(promise: Promise<unknown>): Promise<ProviderErrorCode | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error instanceof ProviderError ? error.code : undefined),
  );
}

describe('prepareOzUpload', () => {
  it('sends a photo as a one-image shot set tagged video_selfie_blank, keeping a PNG a PNG', async () => {
    const media = imageMedia(1, { contentType: 'image/png', fileName: 'face.png', bytes: makePng() });
    const upload = await prepareOzUpload(media);
    expect(upload).toMatchObject({
      fileName: 'face.zip',
      contentType: 'application/zip',
      tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'],
    });
    expect(unzipSync(upload.bytes)).toEqual({ 'frame_0.png': media.bytes });
    const jpeg = imageMedia(2);
    expect(unzipSync((await prepareOzUpload(jpeg)).bytes)).toEqual({ 'frame_0.jpg': jpeg.bytes });
  });

  it('converts a WebP photo to JPEG first: Oz documents JPEG and PNG only', async () => {
    const webp = new Uint8Array(
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a05030' } })
        .webp()
        .toBuffer(),
    );
    const upload = await prepareOzUpload(
      imageMedia(1, { contentType: 'image/webp', fileName: 'face.webp', bytes: webp }),
    );
    const [name, frame] = Object.entries(unzipSync(upload.bytes))[0]!;
    expect(name).toBe('frame_0.jpg');
    expect([...frame.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(await sharp(frame).metadata()).toMatchObject({ format: 'jpeg', width: 40, height: 30 });
  });

  it('sends shot sets and videos as they are', async () => {
    for (const media of [shotsetMedia(), videoMedia()]) {
      const upload = await prepareOzUpload(media);
      expect(upload).toMatchObject({ bytes: media.bytes, contentType: media.contentType, tags: media.tags });
    }
  });

  it("enforces Oz's limits before sending: format, 10 MB per file, video <= 5 s", async () => {
    expect(await uploadError(prepareOzUpload(imageMedia(1, { contentType: 'image/gif' })))).toBe(
      'provider-media-unsupported',
    );
    const big = { ...videoMedia(), bytes: new Uint8Array(OZ_MAX_FILE_BYTES + 1) };
    big.bytes.set(makeMp4());
    expect(await uploadError(prepareOzUpload(big))).toBe('provider-media-too-large');
    expect(await uploadError(prepareOzUpload({ ...videoMedia(), bytes: mp4Lasting(5.5) }))).toBe(
      'provider-media-too-long',
    );
    expect(await uploadError(prepareOzUpload({ ...videoMedia(), bytes: mp4Lasting(4.9) }))).toBeUndefined();
    expect(videoDurationSeconds(mp4Lasting(3.25))).toBe(3.25);
    expect(videoDurationSeconds(makeMp4())).toBeNull();
  });

  it('builds the payload with the tags under the file field and the ids as folder metadata', async () => {
    const upload = await prepareOzUpload(videoMedia());
    expect(uploadPayload(upload, { sessionId: 's-1', checkId: 'c-1' })).toEqual({
      'media:tags': { [OZ_MEDIA_FIELD]: upload.tags },
      'folder:meta_data': { transaction_id: 's-1', check_id: 'c-1' },
    });
  });
});

describe('Oz error mapping', () => {
  it.each([
    [401, 6, 'provider-auth'],
    [401, 7, 'provider-auth'],
    [401, 8, 'provider-auth'],
    [403, 9, 'provider-auth'],
    [400, 3, 'provider-protocol'],
    [400, 4, 'provider-rejected'],
    [400, 5, 'provider-rejected'],
    [404, 10, 'provider-protocol'],
    [500, 0, 'provider-unavailable'],
  ] as const)('HTTP %i with error_code %i is %s', (status, code, expected) => {
    expect(providerErrorCodeFor({ status, body: { error_code: code, error_message: 'x' } })).toBe(expected);
  });

  it('falls back to the HTTP status when the body is not an Oz error', () => {
    expect(parseOzErrorBody('<html>bad gateway</html>')).toBeNull();
    expect(providerErrorCodeFor({ status: 502, body: null })).toBe('provider-unavailable');
    expect(providerErrorCodeFor({ status: 413, body: null })).toBe('provider-rejected');
    expect(providerErrorCodeFor({ status: 429, body: null })).toBe('provider-quota');
  });

  it('keeps the status and the provider code on the ProviderError', () => {
    const notFound = { status: 404, body: { error_code: 10, error_message: 'Analysis not found' } };
    const error = ozProviderError(notFound, 'read analysis');
    expect(error).toMatchObject({
      provider: 'oz',
      code: 'provider-protocol',
      details: { status: 404, providerCode: 10, retryable: false },
    });
    expect(error.message).toBe('Oz read analysis failed: Analysis not found');
  });
});

describe('Oz API versions', () => {
  it('parses numeric parts, ignoring suffixes, and refuses anything else', () => {
    expect(parseApiVersion('6.0.1-rc1')).toEqual([6, 0, 1]);
    expect(parseApiVersion('v5.2')).toEqual([5, 2]);
    expect(() => parseApiVersion('latest')).toThrow(/Invalid Oz API version/);
  });
});

describe('analysisIdsIn (the Oz webhook body)', () => {
  it('takes analyse_id / analysis_id at the top level and in analyses[], nothing else', () => {
    expect(analysisIdsIn({ analyse_id: 'a-1', resolution_status: 'SUCCESS' })).toEqual(['a-1']);
    expect(analysisIdsIn({ folder_id: 'f', analyses: [{ analysis_id: 'a-2' }, { analyse_id: 'bad id!' }] })).toEqual([
      'a-2',
    ]);
    expect(analysisIdsIn([1, 2, 3])).toEqual([]);
    expect(analysisIdsIn({ analyse_id: 42 })).toEqual([]);
  });
});
