/**
 * JSON shapes the emulator answers with (§1.3, §1.6, §1.11 #7). Response types are uppercase. Analyses carry
 * `analyse_id` before API 6.0 and `analysis_id` from 6.0 on, so clients are exercised on both spellings.
 */
import { atLeast } from './version.js';
import type { AnalysisEngine } from './engine.js';
import { mediaTypeName } from './sniff.js';
import type { AnalysisRecord, FolderRecord, MediaRecord, OzStore } from './store.js';

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** Fields no doc names, added under `variant-shapes`: a client must ignore what it does not know. */
const UNKNOWN_FIELDS = {
  company_id: '00000000-0000-4000-8000-00000000c0de',
  sandbox_note: 'unknown field',
  extra: { nested: [1, 2] },
};

export function mediaView(media: MediaRecord): Record<string, unknown> {
  return {
    media_id: media.id,
    folder_id: media.folderId,
    media_type: mediaTypeName(media.kind),
    original_name: media.originalName,
    tags: media.tags,
    time_created: seconds(media.createdAtMs),
  };
}

export function analysisView(
  analysis: AnalysisRecord,
  context: { store: OzStore; engine: AnalysisEngine; apiVersion: string },
): Record<string, unknown> {
  const status = context.engine.status(analysis);
  const outcome = analysis.outcome;
  const variant = analysis.scenario.variantShapes;
  // Under variant-shapes the other spelling than this version's usual one (both appear in the docs).
  const idKey = atLeast(context.apiVersion, '6.0.0') !== variant ? 'analysis_id' : 'analyse_id';
  const state = analysisState(analysis, context.engine);
  // An undocumented non-final status while the analysis runs: a client must keep polling, not give up.
  const shownStatus = variant && !outcome ? 'QUEUED' : status;
  return {
    ...(variant ? UNKNOWN_FIELDS : {}),
    [idKey]: analysis.id,
    folder_id: analysis.folderId,
    type: analysis.type,
    state: variant && !outcome ? 'QUEUED' : state,
    resolution_status: shownStatus,
    resolution: shownStatus,
    params: analysis.params,
    source_media: analysis.sourceMediaIds.map((id) => {
      const media = context.store.mediaItem(id);
      return { media_id: media.id, media_type: mediaTypeName(media.kind) };
    }),
    results_media: (outcome?.resultsMedia ?? []).map((entry) => ({
      ...(variant ? { ...UNKNOWN_FIELDS, results_version: 2 } : {}),
      ...(entry.key && !variant ? { [entry.key]: entry.mediaId } : {}),
      resolution_status: entry.resolution,
      results_data: entry.resultsData,
    })),
    ...(outcome?.resultsData ? { results_data: outcome.resultsData } : {}),
    ...(outcome?.failure ? { error_message: outcome.failure } : {}),
    time_created: seconds(analysis.createdAtMs),
    time_updated: seconds(analysis.updatedAtMs),
  };
}

/** `state` is the processing state: FINISHED once done, FAILED on a system error (§1.5 status table). */
export function analysisState(analysis: AnalysisRecord, engine: AnalysisEngine): string {
  const status = engine.status(analysis);
  if (!analysis.outcome) return status;
  return status === 'FAILED' ? 'FAILED' : 'FINISHED';
}

/** INITIAL without analyses, PROCESSING while any runs, FAILED if any failed, else FINISHED (§1.11 #1, #6). */
export function folderStatus(analyses: AnalysisRecord[], engine: AnalysisEngine): string {
  if (analyses.length === 0) return 'INITIAL';
  const statuses = analyses.map((analysis) => engine.status(analysis));
  if (statuses.some((status) => status === 'INITIAL' || status === 'PROCESSING')) return 'PROCESSING';
  if (statuses.includes('FAILED')) return 'FAILED';
  return 'FINISHED';
}

export function folderView(
  folder: FolderRecord,
  context: { store: OzStore; engine: AnalysisEngine; apiVersion: string; withAnalyses: boolean },
): Record<string, unknown> {
  const analyses = context.store.analysesOf(folder);
  if (context.withAnalyses) for (const analysis of analyses) context.engine.observe(analysis);
  return {
    ...(folder.scenario.variantShapes ? UNKNOWN_FIELDS : {}),
    folder_id: folder.id,
    resolution_status: folderStatus(analyses, context.engine),
    meta_data: folder.metaData,
    media: context.store.mediaOf(folder).map(mediaView),
    time_created: seconds(folder.createdAtMs),
    ...(context.withAnalyses ? { analyses: analyses.map((analysis) => analysisView(analysis, context)) } : {}),
  };
}
