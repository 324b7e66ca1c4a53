/**
 * Reads an Oz multipart upload (§1.3): file parts under names of the client's choosing, and a `payload` text part
 * holding JSON with `media:tags` (keyed by those names) and `folder:meta_data`.
 */
import { z } from 'zod';
import { invalidStructure } from './errors.js';

export interface UploadedFile {
  fieldName: string;
  fileName: string;
  declaredType: string;
  bytes: Uint8Array;
}

export interface ParsedUpload {
  files: UploadedFile[];
  tagsByField: Record<string, string[]>;
  folderMetaData: Record<string, unknown>;
}

const payloadSchema = z.looseObject({
  'media:tags': z.record(z.string(), z.array(z.string())).optional(),
  'folder:meta_data': z.record(z.string(), z.unknown()).optional(),
});

export async function readUpload(
  contentType: string | undefined,
  readForm: () => Promise<FormData>,
): Promise<ParsedUpload> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) {
    throw invalidStructure('Media upload must be multipart/form-data');
  }
  let form: FormData;
  try {
    form = await readForm();
  } catch {
    throw invalidStructure('Malformed multipart body');
  }
  const payload = parsePayload(form.get('payload'));
  const files: UploadedFile[] = [];
  for (const [fieldName, value] of form.entries()) {
    if (typeof value === 'string') continue;
    files.push({
      fieldName,
      fileName: value.name || fieldName,
      declaredType: value.type,
      bytes: new Uint8Array(await value.arrayBuffer()),
    });
  }
  return { files, tagsByField: payload['media:tags'] ?? {}, folderMetaData: payload['folder:meta_data'] ?? {} };
}

function parsePayload(part: File | string | null): z.infer<typeof payloadSchema> {
  if (part === null) return {};
  if (typeof part !== 'string') throw invalidStructure('payload must be a text part holding JSON');
  let json: unknown;
  try {
    json = JSON.parse(part);
  } catch {
    throw invalidStructure('payload is not valid JSON');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    throw invalidStructure('payload does not match the expected structure', z.treeifyError(parsed.error));
  }
  return parsed.data;
}
