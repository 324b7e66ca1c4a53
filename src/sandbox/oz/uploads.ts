/**
 * Reads an Oz multipart upload (§1.3): file parts under names of the client's choosing, and a `payload` text part
 * holding JSON with `media:tags` (keyed by those names) and `folder:meta_data`.
 */
import { z } from 'zod';
import { parseMultipartForm, type FormPart, type MultipartForm } from '../../node/multipart-form.js';
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
  readBody: () => Promise<ArrayBuffer>,
): Promise<ParsedUpload> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) {
    throw invalidStructure('Media upload must be multipart/form-data');
  }
  let form: MultipartForm;
  try {
    form = await parseMultipartForm(contentType, new Uint8Array(await readBody()));
  } catch {
    throw invalidStructure('Malformed multipart body');
  }
  const payload = parsePayload(form.parts.find((part) => part.name === 'payload') ?? null);
  const files: UploadedFile[] = [];
  for (const part of form.parts) {
    if (part.kind !== 'file') continue;
    files.push({
      fieldName: part.name,
      fileName: part.fileName || part.name,
      declaredType: part.type,
      bytes: part.bytes,
    });
  }
  return { files, tagsByField: payload['media:tags'] ?? {}, folderMetaData: payload['folder:meta_data'] ?? {} };
}

function parsePayload(part: FormPart | null): z.infer<typeof payloadSchema> {
  if (part === null) return {};
  if (part.kind !== 'field') throw invalidStructure('payload must be a text part holding JSON');
  let json: unknown;
  try {
    json = JSON.parse(part.value);
  } catch {
    throw invalidStructure('payload is not valid JSON');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    throw invalidStructure('payload does not match the expected structure', z.treeifyError(parsed.error));
  }
  return parsed.data;
}
