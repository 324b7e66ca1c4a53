/**
 * Content-Encoding negotiation for the demo servers: picks the encoding of a static answer from the request's
 * Accept-Encoding, prefers the `.br`/`.gz` copies the build writes beside every file of dist/cdn, and compresses
 * (once, kept in memory) files that have no such copy, like the demo's own assets served from src/.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { PRECOMPRESSED, type ContentCoding } from '../../scripts/build/compress.js';

export type { ContentCoding };

/** Types worth compressing; images and already compressed archives are not. */
const COMPRESSIBLE = /^(text\/|application\/(json|wasm|javascript|octet-stream)|image\/svg\+xml)/;

/**
 * The best coding the client accepts, brotli first (it is the smaller); null for identity. Honours q-values
 * (`br;q=0` refuses brotli) and `*`.
 */
export function negotiateEncoding(acceptEncoding: string | null | undefined): ContentCoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (name) weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const accepted = (coding: string) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
  return PRECOMPRESSED.map(({ encoding }) => encoding).find(accepted) ?? null;
}

export function isCompressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const onTheFly = new Map<string, Promise<Buffer>>();

/**
 * The body of `file` in `coding`: its precompressed sibling when the build wrote one, else compressed here once per
 * file version (brotli quality 5: fast enough for the 13 MB WASM on the first request; the build's copies use 11).
 */
export async function encodedBody(file: string, mtimeMs: number, coding: ContentCoding): Promise<Buffer> {
  const suffix = PRECOMPRESSED.find(({ encoding }) => encoding === coding)!.suffix;
  const precompressed = await readFile(`${file}${suffix}`).catch(() => null);
  if (precompressed) return precompressed;
  const key = `${coding}:${mtimeMs}:${file}`;
  let body = onTheFly.get(key);
  if (!body) {
    body = readFile(file).then((bytes) =>
      coding === 'br'
        ? brotli(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          })
        : gzipAsync(bytes, { level: 6 }),
    );
    onTheFly.set(key, body);
    body.catch(() => onTheFly.delete(key));
  }
  return body;
}
