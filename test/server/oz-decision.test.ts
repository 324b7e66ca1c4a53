/**
 * The Oz adapter's pure parts, without a network: the decision rules, the upload preparation (API-version
 * switch), the error mapping and version arithmetic.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analysisStatus, decideQuality, findMediaResult, isPending } from '../../src/server/providers/oz/decision.js';
import { ozProviderError, parseOzErrorBody, providerErrorCodeFor } from '../../src/server/providers/oz/errors.js';
import type { OzAnalysis } from '../../src/server/providers/oz/types.js';
import { ozWebhookAnalysisId } from '../../src/server/providers/oz/webhook.js';
import { OZ_MEDIA_FIELD, prepareOzUpload, uploadPayload } from '../../src/server/providers/oz/upload.js';
import { compareApiVersions, qualityIgnoresPlainImages } from '../../src/server/providers/oz/version.js';
import { ProviderError, type ProviderErrorCode } from '../../src/server/providers/types.js';
import { imageMedia, makePng, shotsetMedia, videoMedia } from './oz-support.js';

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
  const keys = ['source_shots_set_id', 'source_video_id', 'source_media_id', 'media_id'];
  it.each(keys)('matches an entry keyed by %s', (key) => {
    const entry = { [key]: MEDIA, results_data: { confidence_spoofing: 0.1 } };
    const analysis = finished('SUCCESS', [{ source_video_id: 'other' }, entry]);
    expect(findMediaResult(analysis, MEDIA)).toBe(analysis.results_media![1]);
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

describe('prepareOzUpload (API-version switch)', () => {
  it('zips an image into a one-image shot set tagged video_selfie_blank on API <= 4.0.8', () => {
    const media = imageMedia(1, { contentType: 'image/png', fileName: 'face.png', bytes: makePng() });
    const upload = prepareOzUpload(media, '4.0.8');
    expect(upload).toMatchObject({
      fileName: 'face.zip',
      contentType: 'application/zip',
      tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'],
    });
    // The frame is the JPEG still, not the PNG original.
    expect(Object.values(unzipSync(upload.bytes))).toEqual([media.selfieJpeg]);
  });

  it('sends an image as is from 5.0 on, and shot sets and videos as they are on every version', () => {
    const image = imageMedia();
    expect(prepareOzUpload(image, '5.0.0')).toEqual({
      fileName: image.fileName,
      contentType: 'image/jpeg',
      bytes: image.bytes,
      tags: image.tags,
    });
    for (const media of [shotsetMedia(), videoMedia()]) {
      const upload = prepareOzUpload(media, '4.0.8');
      expect(upload).toMatchObject({ bytes: media.bytes, contentType: media.contentType, tags: media.tags });
    }
  });

  it('builds the payload with the tags under the file field and the ids as folder metadata', () => {
    const upload = prepareOzUpload(videoMedia(), '5.2.0');
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
  it('compares numerically, with missing parts as zero and suffixes ignored', () => {
    expect(compareApiVersions('4.0.8', '5.0')).toBeLessThan(0);
    expect(compareApiVersions('5.10.0', '5.2.0')).toBeGreaterThan(0);
    expect(compareApiVersions('6.0', '6.0.0')).toBe(0);
    expect(compareApiVersions('6.0.1-rc1', '6.0.1')).toBe(0);
  });

  it('knows that Quality ignores plain images up to 4.0.8 only', () => {
    expect(['4.0.8', '4.9', '5.0.0', '6.0.1'].map(qualityIgnoresPlainImages)).toEqual([true, true, false, false]);
  });
});

describe('ozWebhookAnalysisId', () => {
  it('takes the id from either spelling and nothing from a body that is not an analysis', () => {
    expect(ozWebhookAnalysisId({ analyse_id: 'a-1', resolution_status: 'SUCCESS' })).toBe('a-1');
    expect(ozWebhookAnalysisId({ analysis_id: 'a-2' })).toBe('a-2');
    expect(ozWebhookAnalysisId('a-3')).toBeUndefined();
    expect(ozWebhookAnalysisId({ analyse_id: 42 })).toBeUndefined();
  });
});
