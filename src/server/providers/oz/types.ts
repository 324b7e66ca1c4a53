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
  /**
   * Undocumented type (open question 6): public code reads Unix seconds, so a number is seconds; a string is read
   * as a date. Anything unreadable counts as "not said" and the token is simply used until Oz refuses it.
   */
  expire_date: z.union([z.number(), z.string()]).nullish().catch(null),
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

/** Only `source_shots_set_id` and `source_video_id` are documented result keys (§1.6). */
export const ozResultsMediaEntrySchema = z.looseObject({
  source_shots_set_id: z.string().nullish(),
  source_video_id: z.string().nullish(),
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
  source_media: z.array(z.unknown()).nullish(),
  results_media: z.array(ozResultsMediaEntrySchema).nullish(),
});
export type OzAnalysis = z.infer<typeof ozAnalysisSchema>;

/** Start-analyses answers an array in public client code; Oz's own iOS SDK accepts an object too. Both are read. */
export const ozStartedAnalysesSchema = z
  .union([z.array(ozAnalysisSchema), ozAnalysisSchema])
  .transform((value) => (Array.isArray(value) ? value : [value]));

/** `GET /api/folders/?meta_data=…&with_analyses=true`: `{items:[folder…]}` (§1.5); paging fields are unconfirmed. */
export const ozFolderListSchema = z.looseObject({
  items: z.array(
    ozFolderSchema.extend({
      meta_data: z.record(z.string(), z.unknown()).nullish(),
      analyses: z.array(ozAnalysisSchema).nullish(),
    }),
  ),
});

/** `POST /api/folders/` payload part (§1.3). */
export interface OzUploadPayload {
  'media:tags': Record<string, string[]>;
  'folder:meta_data': Record<string, string>;
}

/** `POST /api/folders/{id}/analyses/` body (§1.4). */
export interface OzStartAnalysesBody {
  analyses: Array<{ type: 'quality'; source_media: string[]; params: { extract_best_shot: boolean } }>;
  /** Only with OZ_WEBHOOK_URL. The field name is unconfirmed (the webhook page is not public): see adapter.ts. */
  resolution_endpoint?: string;
}

/** The id of an analysis, whichever spelling the server used. */
export function analysisIdOf(analysis: OzAnalysis): string | undefined {
  return analysis.analyse_id ?? analysis.analysis_id ?? undefined;
}

/** Milliseconds since the epoch from `expire_date`: a number is Unix seconds, a string a date; null when unreadable. */
export function expireDateMs(value: number | string | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value * 1000 : null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
    const parsed = Date.parse(trimmed);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}
