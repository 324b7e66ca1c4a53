/**
 * Reading an Oz webhook call. Its body is never trusted for the verdict (the payload is undocumented and anyone
 * can POST it): only the analysis id is taken from it, and the adapter re-reads that analysis from Oz.
 */
import { analysisIdOf, ozAnalysisSchema } from './types.js';

/** The analysis id a webhook body refers to (`analyse_id` or `analysis_id`), or undefined. */
export function ozWebhookAnalysisId(body: unknown): string | undefined {
  const parsed = ozAnalysisSchema.safeParse(body);
  return parsed.success ? analysisIdOf(parsed.data) : undefined;
}
