/**
 * What the emulated Oz concludes for an analysis. Pure: media records, API version and scenario in, final
 * status and results out. The rules follow §1.4 "Which media each analysis uses" and §1.11.
 */
import { atLeast } from './version.js';
import {
  SANDBOX_OZ_SPOOF_CUTOFF,
  SANDBOX_SPOOF_CONFIDENCE_SPOOFING,
  sandboxConfidenceSpoofing,
  sandboxUnit,
} from '../scoring.js';
import type { Scenario } from './scenarios.js';
import type { OzMediaKind } from './sniff.js';

export interface EvaluatedMedia {
  id: string;
  kind: OzMediaKind;
  tags: string[];
  bytes: Uint8Array;
}

export type FinalResolution = 'SUCCESS' | 'DECLINED' | 'FAILED';

export interface ResultsMediaEntry {
  /**
   * `source_shots_set_id` or `source_video_id`, by media kind (§1.3, §1.6). The docs name no key for a plain image
   * (and one documented entry carries no source key at all), so an image's entry has none: null.
   */
  key: 'source_shots_set_id' | 'source_video_id' | null;
  mediaId: string;
  resolution: 'SUCCESS' | 'DECLINED';
  resultsData: Record<string, number>;
}

export interface AnalysisOutcome {
  resolution: FinalResolution;
  resultsMedia: ResultsMediaEntry[];
  /** Analysis-level numbers (BIOMETRY only). */
  resultsData?: Record<string, number>;
  /** Why a FAILED analysis failed, for the emulator's `error_message` field. */
  failure?: string;
}

export interface EvaluationInput {
  apiVersion: string;
  media: EvaluatedMedia[];
  scenario: Scenario;
}

const hasTagPrefix = (media: EvaluatedMedia, prefix: string): boolean =>
  media.tags.some((tag) => tag.startsWith(prefix));
const SCENARIO_FAILURE: AnalysisOutcome = {
  resolution: 'FAILED',
  resultsMedia: [],
  failure: 'Sandbox scenario "failed"',
};
const isAtLeast = atLeast;

/** Media a QUALITY analysis scores: tagged video_selfie*, not an ID photo, and not a plain image before 5.0. */
export function qualityMedia(apiVersion: string, media: EvaluatedMedia[]): EvaluatedMedia[] {
  return media.filter(
    (item) =>
      hasTagPrefix(item, 'video_selfie') &&
      !hasTagPrefix(item, 'photo_id') &&
      (item.kind !== 'IMAGE' || isAtLeast(apiVersion, '5.0.0')),
  );
}

export function evaluateQuality({ apiVersion, media, scenario }: EvaluationInput): AnalysisOutcome {
  if (scenario.verdict === 'failed') return SCENARIO_FAILURE;
  if (!isAtLeast(apiVersion, '5.1.0') && media.some((item) => hasTagPrefix(item, 'photo_id'))) {
    // Before 5.1, ID photos given to Quality made the analysis fail on their tags.
    return { resolution: 'FAILED', resultsMedia: [], failure: 'photo_id media cannot be analysed by QUALITY' };
  }
  const scored = qualityMedia(apiVersion, media);
  if (scored.length === 0) {
    // Old servers answered "OK without score"; 5.0.0 fixed SUCCESS-without-media, modelled here as a failure.
    return isAtLeast(apiVersion, '5.0.0')
      ? { resolution: 'FAILED', resultsMedia: [], failure: 'No media usable by QUALITY' }
      : { resolution: 'SUCCESS', resultsMedia: [] };
  }
  const legacy = scenario.legacyScores || !isAtLeast(apiVersion, '5.0.0');
  const resultsMedia = scored.map((item): ResultsMediaEntry => {
    const confidenceSpoofing =
      scenario.verdict === 'spoof' ? SANDBOX_SPOOF_CONFIDENCE_SPOOFING : sandboxConfidenceSpoofing(item.bytes);
    return {
      key: resultKey(item.kind),
      mediaId: item.id,
      resolution: confidenceSpoofing >= SANDBOX_OZ_SPOOF_CUTOFF ? 'DECLINED' : 'SUCCESS',
      resultsData: legacy
        ? // The meaning of the two extra legacy numbers is undocumented; the sandbox repeats the spoofing score.
          {
            confidence_replay: confidenceSpoofing,
            confidence_liveness: confidenceSpoofing,
            confidence_spoofing: confidenceSpoofing,
          }
        : { confidence_spoofing: confidenceSpoofing },
    };
  });
  const declined = resultsMedia.some((entry) => entry.resolution === 'DECLINED');
  return { resolution: declined ? 'DECLINED' : 'SUCCESS', resultsMedia };
}

function resultKey(kind: OzMediaKind): ResultsMediaEntry['key'] {
  switch (kind) {
    case 'SHOTS_SET':
      return 'source_shots_set_id';
    case 'VIDEO':
      return 'source_video_id';
    case 'IMAGE':
      return null;
  }
}

/** The emulated Oz calls two faces the same person at or above this similarity. */
export const SANDBOX_BIOMETRY_MATCH_CUTOFF = 0.5;
/** Similarity of every pair under the `spoof` ("no match") scenario. */
export const SANDBOX_BIOMETRY_MISMATCH = 0.12;

/**
 * BIOMETRY compares every pair of usable media (all but `photo_id_back`) and reports the least similar pair as
 * `min_confidence`. Similarities are derived from the two media's bytes: 0.90..0.999.
 */
export function evaluateBiometry({ media, scenario }: EvaluationInput): AnalysisOutcome {
  if (scenario.verdict === 'failed') return SCENARIO_FAILURE;
  const usable = media.filter((item) => !item.tags.includes('photo_id_back'));
  if (usable.length < 2) return { resolution: 'FAILED', resultsMedia: [], failure: 'BIOMETRY needs at least 2 media' };
  const similarities: number[] = [];
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      const mismatch = scenario.verdict === 'spoof';
      similarities.push(mismatch ? SANDBOX_BIOMETRY_MISMATCH : pairSimilarity(usable[i]!, usable[j]!));
    }
  }
  const min = Math.min(...similarities);
  return {
    resolution: min >= SANDBOX_BIOMETRY_MATCH_CUTOFF ? 'SUCCESS' : 'DECLINED',
    resultsMedia: [],
    resultsData: { max_confidence: Math.max(...similarities), min_confidence: min },
  };
}

function pairSimilarity(a: EvaluatedMedia, b: EvaluatedMedia): number {
  const u = (sandboxUnit(a.bytes) + sandboxUnit(b.bytes)) / 2;
  return Math.round((0.9 + 0.099 * u) * 10_000) / 10_000;
}
