/**
 * Request bodies under a hard size limit. The declared Content-Length is checked before reading (an honest
 * oversized upload is refused without being received), and the bytes are counted while reading (a missing or
 * lying length cannot get more through).
 */
import { Readable } from 'node:stream';
import type { ReadableStreamReadResult } from 'node:stream/web';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { httpError } from '../errors.js';

export async function readBody(
  request: Request,
  maxBytes: number,
  nodeBody?: Readable | null,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  const direct = unreadNodeBody(nodeBody);
  if (direct) return readNodeBody(direct, maxBytes);
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
  return concat(chunks, total);
}

/**
 * The IncomingMessage @hono/node-server passes as `env.incoming` (null in other runtimes). Read directly, a body
 * skips the web ReadableStream (and its promise per chunk) that `Request.body` would wrap it in.
 */
export function nodeRequestBody(env: unknown): Readable | null {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return null;
  const incoming = (env as { incoming?: unknown }).incoming;
  return incoming instanceof Readable ? incoming : null;
}

/** Only a stream nobody has read from yet (not even through `Request.body`) holds the whole body. */
function unreadNodeBody(body: Readable | null | undefined): Readable | null {
  return body && !body.readableDidRead && !body.readableEnded ? body : null;
}

function readNodeBody(body: Readable, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const done = (error: Error | null): void => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('aborted', onAborted);
      if (error) {
        // What is left unread is drained (within limits) by @hono/node-server once the answer is sent.
        body.pause();
        reject(error);
      } else resolve(concat(chunks, total));
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > maxBytes) done(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = (): void => done(null);
    const onError = (error: Error): void =>
      done(httpError('invalid-request', 'the request body could not be read to its end', { cause: error }));
    const onAborted = (): void => onError(new Error('the client closed the request'));
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    body.on('aborted', onAborted);
  });
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** An optional JSON body: empty means `{}`. */
export async function readJsonBody(request: Request, maxBytes: number, nodeBody?: Readable | null): Promise<unknown> {
  const body = await readBody(request, maxBytes, nodeBody);
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

export interface MultipartOptions {
  maxBytes: number;
  /** Part names the route understands: any other is refused at once with this message (400 invalid-request). */
  parts: ReadonlySet<string>;
  unknownPart: (name: string) => string;
  /** More parts than this (any names) are refused: a form of a few parts has no use for thousands. */
  maxParts: number;
  /**
   * The request's body as a Node stream (the IncomingMessage @hono/node-server passes as `env.incoming`), read
   * directly instead of through a web ReadableStream. Only when nothing has read from it yet.
   */
  nodeBody?: Readable | null;
}

/**
 * Streams the body through busboy: limits hold while reading (bytes counted as they arrive, parts counted, an
 * unknown part refused as soon as its headers are read), so a hostile body is stopped before it is buffered.
 * A part with a filename is a file, as in the web's FormData.
 */
export async function readMultipart(request: Request, options: MultipartOptions): Promise<MultipartUpload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw httpError('unsupported-media-type', 'the request must be multipart/form-data');
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > options.maxBytes) throw tooLarge(options.maxBytes);
  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { 'content-type': contentType },
      isPartAFile: (_name, _type, filename) => filename !== undefined,
      limits: { parts: options.maxParts, fieldSize: options.maxBytes, fileSize: options.maxBytes },
    });
  } catch (error) {
    throw httpError('invalid-request', 'the multipart body is malformed', { cause: error });
  }
  const upload: MultipartUpload = { files: new Map(), fields: new Map() };
  const append = <T>(map: Map<string, T[]>, name: string, value: T): void => {
    const list = map.get(name);
    if (list) list.push(value);
    else map.set(name, [value]);
  };
  let fail: (error: Error) => void = () => undefined;
  const parsed = new Promise<void>((resolve, reject) => {
    fail = reject;
    let openFiles = 0;
    let finished = false;
    const settle = (): void => {
      if (finished && openFiles === 0) resolve();
    };
    parser.on('field', (name, value) => {
      if (!options.parts.has(name)) return reject(httpError('invalid-request', options.unknownPart(name)));
      append(upload.fields, name, value);
    });
    parser.on('file', (name, stream) => {
      // A part cut short (the body ended inside it) fails its own stream.
      stream.on('error', (error) =>
        reject(httpError('invalid-request', 'the multipart body is malformed', { cause: error })),
      );
      if (!options.parts.has(name)) {
        stream.resume();
        return reject(httpError('invalid-request', options.unknownPart(name)));
      }
      openFiles += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        append(upload.files, name, new Uint8Array(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
        openFiles -= 1;
        settle();
      });
    });
    parser.on('partsLimit', () =>
      reject(httpError('invalid-request', `the multipart body has more than ${options.maxParts} parts`)),
    );
    parser.on('error', (error) =>
      reject(httpError('invalid-request', 'the multipart body is malformed', { cause: error })),
    );
    parser.on('finish', () => {
      finished = true;
      settle();
    });
  });
  // Rejections before the body is read to its end must not go unhandled meanwhile.
  parsed.catch(() => undefined);

  const nodeBody = unreadNodeBody(options.nodeBody);
  const feeding = nodeBody
    ? feedFromNode(nodeBody, parser, options.maxBytes, parsed)
    : feedFromWeb(request, parser, options.maxBytes, parsed);
  try {
    await feeding;
  } catch (error) {
    fail(error as Error);
  }
  await parsed;
  return upload;
}

/** Writes the Node stream into the parser, counting bytes; stops at the limit or when the parser gave up. */
function feedFromNode(body: Readable, parser: BusboyInstance, maxBytes: number, parsed: Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let total = 0;
    let done = false;
    const stop = (error: Error | null): void => {
      if (done) return;
      done = true;
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('aborted', onAborted);
      // What is left unread is drained (within limits) by @hono/node-server once the answer is sent.
      body.pause();
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > maxBytes) return stop(tooLarge(maxBytes));
      if (!parser.write(chunk)) {
        body.pause();
        parser.once('drain', () => {
          if (!done) body.resume();
        });
      }
    };
    const onEnd = (): void => {
      parser.end();
      stop(null);
    };
    const onError = (error: Error): void =>
      stop(httpError('invalid-request', 'the request body could not be read to its end', { cause: error }));
    const onAborted = (): void => onError(new Error('the client closed the request'));
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    body.on('aborted', onAborted);
    parsed.catch((error: Error) => stop(error));
  });
}

async function feedFromWeb(request: Request, parser: BusboyInstance, maxBytes: number, parsed: Promise<void>) {
  if (request.body === null) {
    parser.end();
    return;
  }
  const reader = request.body.getReader();
  let failed = false;
  parsed.catch(() => {
    failed = true;
    void reader.cancel().catch(() => undefined);
  });
  let total = 0;
  for (;;) {
    const { done, value } = await readChunk(reader);
    if (failed) return;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    if (!parser.write(value)) await new Promise((resolve) => parser.once('drain', resolve));
  }
  parser.end();
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
