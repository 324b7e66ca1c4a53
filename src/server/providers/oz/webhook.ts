/**
 * Reading an Oz webhook call. Its body is never trusted for the verdict (the payload is undocumented and anyone
 * can POST it): only analysis ids are taken from it, and the adapter re-reads those analyses from Oz.
 */

const ANALYSIS_ID = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_IDS_PER_CALL = 32;

/** `analyse_id` / `analysis_id` at the top level or on each item of an `analyses` array (a folder payload). */
export function analysisIdsIn(body: unknown): string[] {
  const ids = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of ['analyse_id', 'analysis_id']) {
      const id = (value as Record<string, unknown>)[key];
      if (typeof id === 'string' && ANALYSIS_ID.test(id)) ids.add(id);
    }
  };
  collect(body);
  const analyses =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['analyses'] : undefined;
  if (Array.isArray(analyses)) analyses.forEach(collect);
  return [...ids].slice(0, MAX_IDS_PER_CALL);
}
