/**
 * Static files for the examples and the tests that drive them, with the content types browsers insist on: WASM
 * must be `application/wasm` to be compiled while it streams, and module scripts need a JavaScript type. With the
 * request's Accept-Encoding, answers are brotli or gzip encoded (see content-encoding.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { encodedBody, isCompressible, negotiateEncoding } from './content-encoding.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves `dir` under the URL prefix `mount` (e.g. `/liveness-check/`); null when the path is outside the mount or
 * names no file. A directory answers with its index.html. `acceptEncoding` (the request's header) lets compressible
 * files answer brotli or gzip encoded; without it they answer as they are.
 */
export async function serveStatic(
  mount: string,
  dir: string,
  pathname: string,
  acceptEncoding?: string | null,
): Promise<Response | null> {
  if (!pathname.startsWith(mount)) return null;
  const relative = normalize(decodeURIComponent(pathname.slice(mount.length)));
  if (relative.startsWith('..') || relative.includes(`${sep}..${sep}`)) return null;
  let file = join(dir, relative);
  const info = await stat(file).catch(() => null);
  if (!info) return null;
  if (info.isDirectory()) file = join(file, 'index.html');
  const contentType = contentTypeFor(file);
  const headers: Record<string, string> = { 'content-type': contentType, 'cache-control': 'no-cache' };
  const coding = isCompressible(contentType) ? negotiateEncoding(acceptEncoding) : null;
  if (isCompressible(contentType)) headers.vary = 'accept-encoding';
  const fileInfo = coding ? await stat(file).catch(() => null) : null;
  if (coding && fileInfo) {
    const encoded = await encodedBody(file, fileInfo.mtimeMs, coding).catch(() => null);
    if (encoded) return new Response(new Uint8Array(encoded), { headers: { ...headers, 'content-encoding': coding } });
  }
  const body = await readFile(file).catch(() => null);
  if (!body) return null;
  return new Response(body, { headers });
}
