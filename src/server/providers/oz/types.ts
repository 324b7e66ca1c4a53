/**
 * Oz Forensics API wire types (shared providers contract §1), as zod schemas so every response is validated before
 * the adapter reads it. Objects are loose: Oz adds fields between versions and the adapter must not break on them.
 */
import { z } from 'zod';

/** Every status value Oz uses on analyses and folders (§1.5 "Status values"). */
export const OZ_STATUSES = [
  'INITIAL',
  'PROCESSING',
  'FAILED',
  'FINISHED',
  'DECLINED',
  'OPERATOR_REQUIRED',
  'SUCCESS',
] as const;
export type OzStatus = (typeof OZ_STATUSES)[number];

/** Statuses that mean "not done yet, keep polling". */
export const OZ_PENDING_STATUSES: readonly OzStatus[] = ['INITIAL', 'PROCESSING'];

/** Error codes from §1.7, by name, so the mapping reads as prose. */
export const OzErrorCode = {
  unknown: 0,
  notAllowed: 1,
  notRealized: 2,
  invalidStructure: 3,
  invalidValue: 4,
  invalidType: 5,
  authNotProvided: 6,
  authInvalid: 7,
  authExpired: 8,
  authForbidden: 9,
  notExist: 10,
  externalService: 11,
} as const;

/** Header carrying the access token (the "X-Forensics-" spelling in one doc page is a typo). */
export const OZ_TOKEN_HEADER = 'X-Forensic-Access-Token';
/** Sandbox-only header naming an emulator scenario; the real API ignores unknown headers. */
export { SANDBOX_SCENARIO_HEADER } from '../../../shared/sandbox.js';

export const ozErrorBodySchema = z.looseObject({
  error_code: z.number().int(),
  error_message: z.string().nullish(),
  details: z.unknown().optional(),
});
export type OzErrorBody = z.infer<typeof ozErrorBodySchema>;

export const ozAuthResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expire_token: z.string().min(1),
  /** Unix seconds; not guaranteed to be present (open question 6). */
  expire_date: z.number().nullish(),
});
export type OzAuthResponse = z.infer<typeof ozAuthResponseSchema>;

export const ozMediaSchema = z.looseObject({
  media_id: z.string().min(1),
  media_type: z.string().nullish(),
  original_name: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
});
export type OzMedia = z.infer<typeof ozMediaSchema>;

export const ozFolderSchema = z.looseObject({
  folder_id: z.string().min(1),
  resolution_status: z.string().nullish(),
  media: z.array(ozMediaSchema).nullish(),
});
export type OzFolder = z.infer<typeof ozFolderSchema>;

export const ozResultsMediaEntrySchema = z.looseObject({
  source_shots_set_id: z.string().nullish(),
  source_video_id: z.string().nullish(),
  source_media_id: z.string().nullish(),
  media_id: z.string().nullish(),
  resolution_status: z.string().nullish(),
  results_data: z.looseObject({ confidence_spoofing: z.number().nullish() }).nullish(),
});
export type OzResultsMediaEntry = z.infer<typeof ozResultsMediaEntrySchema>;

export const ozAnalysisSchema = z.looseObject({
  // Older docs and all public code spell it analyse_id; newer docs print analysis_id (open question 3).
  analyse_id: z.string().nullish(),
  analysis_id: z.string().nullish(),
  folder_id: z.string().nullish(),
  type: z.string().nullish(),
  state: z.string().nullish(),
  resolution_status: z.string().nullish(),
  resolution: z.string().nullish(),
  results_media: z.array(ozResultsMediaEntrySchema).nullish(),
});
export type OzAnalysis = z.infer<typeof ozAnalysisSchema>;

export const ozAnalysisListSchema = z.array(ozAnalysisSchema);

/** `POST /api/folders/` payload part (§1.3). */
export interface OzUploadPayload {
  'media:tags': Record<string, string[]>;
  'folder:meta_data': Record<string, string>;
}

/** `POST /api/folders/{id}/analyses/` body (§1.4). */
export interface OzStartAnalysesBody {
  analyses: Array<{ type: 'quality'; source_media: string[]; params: { extract_best_shot: boolean } }>;
  resolution_endpoint?: string;
}

/** The id of an analysis, whichever spelling the server used. */
export function analysisIdOf(analysis: OzAnalysis): string | undefined {
  return analysis.analyse_id ?? analysis.analysis_id ?? undefined;
}
