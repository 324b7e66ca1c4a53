/**
 * Request bodies under a hard size limit. The declared Content-Length is checked before reading (an honest
 * oversized upload is refused without being received), and the bytes are counted while reading (a missing or
 * lying length cannot get more through).
 */
import type { ReadableStreamReadResult } from 'node:stream/web';
import { httpError } from '../errors.js';

export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await readChunk(reader);
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** An optional JSON body: empty means `{}`. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const body = await readBody(request, maxBytes);
  const text = new TextDecoder().decode(body);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw httpError('invalid-request', 'the body is not valid JSON');
  }
}

export interface MultipartUpload {
  files: Map<string, Uint8Array[]>;
  fields: Map<string, string[]>;
}

export async function readMultipart(request: Request, maxBytes: number): Promise<MultipartUpload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw httpError('unsupported-media-type', 'the request must be multipart/form-data');
  }
  const body = await readBody(request, maxBytes);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw httpError('invalid-request', 'the multipart body is malformed', { cause: error });
  }
  const upload: MultipartUpload = { files: new Map(), fields: new Map() };
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      upload.fields.set(name, [...(upload.fields.get(name) ?? []), value]);
    } else {
      upload.files.set(name, [...(upload.files.get(name) ?? []), new Uint8Array(await value.arrayBuffer())]);
    }
  }
  return upload;
}

/**
 * A client that hangs up mid-body (or sends broken chunked encoding) makes the stream fail. That is the client's
 * doing, not a server fault: answer it as a bad request (nobody may be left to read it) rather than log a 500.
 */
async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (error) {
    throw httpError('invalid-request', 'the request body could not be read to its end', { cause: error });
  }
}

function tooLarge(maxBytes: number) {
  return httpError('payload-too-large', `the request body is over the ${maxBytes}-byte limit`);
}
