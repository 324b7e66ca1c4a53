/**
 * Pure decision rules: from an Oz QUALITY analysis JSON to the verdict fields of a ProviderOutcome. Oz decides
 * (resolution_status); `confidence_spoofing` is kept for audit (§3 "Decide on resolution_status"). Anything that would
 * let a check pass without Oz having looked at our media is an error, never a silent pass.
 */
import { ProviderError } from '../types.js';
import { OZ_PENDING_STATUSES, OZ_STATUSES, type OzAnalysis, type OzResultsMediaEntry, type OzStatus } from './types.js';

export interface QualityVerdict {
  decision: 'live' | 'spoof';
  score: number | null;
  raw: { name: 'confidence_spoofing'; value: number | null };
  threshold: number | null;
  reason: string;
}

function normaliseStatus(value: string | null | undefined): string | undefined {
  // The web plugin reports lowercase resolutions ("success"); the API uses uppercase (§3).
  return value ? value.trim().toUpperCase() : undefined;
}

function isOzStatus(value: string): value is OzStatus {
  return (OZ_STATUSES as readonly string[]).includes(value);
}

/**
 * The analysis status to act on: `resolution_status`, else `resolution`, else `state` (§1.5). A FAILED `state` wins:
 * a system error ends the analysis whatever the other fields say. A value outside the documented list (or none)
 * is returned as `{ unknown }`: the poll treats it as "not final yet", since the docs do not say it is final.
 */
export function readAnalysisStatus(analysis: OzAnalysis): OzStatus | { unknown: string } {
  if (normaliseStatus(analysis.state) === 'FAILED') return 'FAILED';
  const status = [analysis.resolution_status, analysis.resolution, analysis.state]
    .map(normaliseStatus)
    .find((value) => value !== undefined);
  return status !== undefined && isOzStatus(status) ? status : { unknown: status ?? 'none' };
}

/** As readAnalysisStatus, but an unknown status is a protocol error (used once polling has stopped). */
export function analysisStatus(analysis: OzAnalysis): OzStatus {
  const status = readAnalysisStatus(analysis);
  if (typeof status === 'object') {
    throw new ProviderError('oz', 'provider-protocol', `Oz analysis has an unknown status "${status.unknown}"`);
  }
  return status;
}

export function isPending(status: OzStatus): boolean {
  return OZ_PENDING_STATUSES.includes(status);
}

/**
 * The `results_media` entry for our media. The documented keys are `source_shots_set_id` (a ZIP) and
 * `source_video_id` (a video) (§1.6). The docs also show an entry with no source key; so when the analysis has
 * exactly one source media and one result entry, and that entry names no other media, it is ours.
 */
export function findMediaResult(analysis: OzAnalysis, mediaId: string): OzResultsMediaEntry | undefined {
  const entries = analysis.results_media ?? [];
  const keyed = entries.find((entry) => entry.source_shots_set_id === mediaId || entry.source_video_id === mediaId);
  if (keyed) return keyed;
  const only = entries.length === 1 ? entries[0] : undefined;
  const sources = analysis.source_media ?? [mediaId];
  if (!only || sources.length !== 1 || !sourceIs(sources[0], mediaId)) return undefined;
  const namesAnother = [only.source_shots_set_id, only.source_video_id].some(
    (id) => typeof id === 'string' && id !== mediaId,
  );
  return namesAnother ? undefined : only;
}

/** A `source_media` item is an id string or an object with `media_id` (both shapes appear in the docs and code). */
function sourceIs(item: unknown, mediaId: string): boolean {
  if (typeof item === 'string') return item === mediaId;
  if (typeof item === 'object' && item !== null) {
    const id = (item as Record<string, unknown>)['media_id'];
    return id === undefined || id === mediaId;
  }
  return false;
}

/** Turns a finished QUALITY analysis into a verdict; throws a typed ProviderError for every other ending. */
export function decideQuality(analysis: OzAnalysis, mediaId: string): QualityVerdict {
  const status = analysisStatus(analysis);
  switch (status) {
    case 'INITIAL':
    case 'PROCESSING':
      throw new ProviderError('oz', 'provider-protocol', `Oz analysis is still ${status}; no decision yet`);
    case 'FAILED':
      throw new ProviderError('oz', 'provider-failed', 'Oz analysis FAILED (system error on the provider side)', {
        providerCode: 'FAILED',
      });
    case 'FINISHED':
    case 'OPERATOR_REQUIRED':
      // FINISHED alone carries no pass/fail, and OPERATOR_REQUIRED never applies to Liveness (§1.5).
      throw new ProviderError('oz', 'provider-protocol', `Oz QUALITY analysis ended with ${status} and no verdict`, {
        providerCode: status,
      });
    case 'SUCCESS':
    case 'DECLINED':
      return verdictFor(status, analysis, mediaId);
  }
}

function verdictFor(status: 'SUCCESS' | 'DECLINED', analysis: OzAnalysis, mediaId: string): QualityVerdict {
  const entry = findMediaResult(analysis, mediaId);
  if (!entry) {
    // Oz finished without looking at our media (e.g. a plain image on API <= 4.0.8, or no video_selfie tag).
    const message = 'Media ignored by Oz Quality: no result for the uploaded media';
    throw new ProviderError('oz', 'provider-rejected', message, { providerCode: status });
  }
  const confidenceSpoofing = entry.results_data?.confidence_spoofing;
  if (typeof confidenceSpoofing !== 'number' || confidenceSpoofing < 0 || confidenceSpoofing > 1) {
    const message = 'Oz result for the uploaded media has no confidence_spoofing in 0..1';
    throw new ProviderError('oz', 'provider-protocol', message, { providerCode: status });
  }
  // A DECLINED media inside a SUCCESS analysis would be a contradiction; the stricter answer wins.
  const mediaDeclined = normaliseStatus(entry.resolution_status) === 'DECLINED';
  const decision = status === 'DECLINED' || mediaDeclined ? 'spoof' : 'live';
  const shownStatus = mediaDeclined && status === 'SUCCESS' ? 'DECLINED (media)' : status;
  return {
    decision,
    score: roundScore(1 - confidenceSpoofing),
    raw: { name: 'confidence_spoofing', value: confidenceSpoofing },
    threshold: null,
    reason: `resolution_status ${shownStatus}; confidence_spoofing ${confidenceSpoofing}`,
  };
}

/** 1 - x in floating point gives 0.9690000000000001; keep the score as precise as the provider's number. */
function roundScore(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
