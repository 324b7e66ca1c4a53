/** Finding, re-reading and reading media ids from Oz folders: kept apart so the adapter reads as the check's flow. */
import type { ProviderContext } from '../types.js';
import { ProviderError } from '../types.js';
import type { OzCallContext, OzClient } from './client.js';
import { SANDBOX_SCENARIO_HEADER, analysisIdOf, ozFolderListSchema, ozFolderSchema, type OzFolder } from './types.js';
import type { OzUpload } from './upload.js';

/** Our folder from an earlier attempt (this process or another instance), with its QUALITY analysis if started. */
export async function findEarlierFolder(
  client: OzClient,
  ctx: ProviderContext,
  call: OzCallContext,
): Promise<{ folder: OzFolder; analysisId?: string } | null> {
  const query = new URLSearchParams({ meta_data: `transaction_id==${ctx.sessionId}`, with_analyses: 'true' });
  const list = await client.call(
    {
      method: 'GET',
      path: `/api/folders/?${query.toString()}`,
      headers: scenarioHeaders(ctx),
      schema: ozFolderListSchema,
      operation: 'find folder',
    },
    call,
  );
  // transaction_id is the session; check_id tells this check's folder from another check of the same session.
  const ours = list.items.find((folder) => folder.meta_data?.['check_id'] === ctx.checkId);
  if (!ours) return null;
  const quality = (ours.analyses ?? []).find((analysis) => analysis.type?.toUpperCase() === 'QUALITY');
  const analysisId = quality && analysisIdOf(quality);
  return analysisId ? { folder: ours, analysisId } : { folder: ours };
}

/** `media[]` is not promised in the create-folder answer ("returns the folder data"): re-read the folder then. */
export async function folderWithMedia(
  client: OzClient,
  folder: OzFolder,
  ctx: ProviderContext,
  call: OzCallContext,
): Promise<OzFolder> {
  if (folder.media && folder.media.length > 0) return folder;
  return client.call(
    {
      method: 'GET',
      path: `/api/folders/${encodeURIComponent(folder.folder_id)}`,
      headers: scenarioHeaders(ctx),
      schema: ozFolderSchema,
      operation: 'read folder',
    },
    call,
  );
}

export function scenarioHeaders(ctx: ProviderContext): Record<string, string> {
  return ctx.sandboxScenario ? { [SANDBOX_SCENARIO_HEADER]: ctx.sandboxScenario } : {};
}

export function uploadedMediaId(folder: OzFolder, upload: OzUpload): string {
  const media = folder.media ?? [];
  const ours =
    media.find((item) => item.original_name === upload.fileName) ?? (media.length === 1 ? media[0] : undefined);
  if (!ours) throw new ProviderError('oz', 'provider-protocol', 'Oz create folder did not return the uploaded media');
  return ours.media_id;
}
