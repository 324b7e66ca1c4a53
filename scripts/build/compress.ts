/**
 * Precompressed copies beside every file of dist/cdn: `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9),
 * so a server or CDN that serves static files (nginx `brotli_static`/`gzip_static`, the demo servers) answers with
 * the smallest encoding the browser accepts without compressing on every request. Brotli shrinks MediaPipe's WASM
 * by about a third more than gzip, and the WASM is most of what a first visit downloads.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { filesUnder } from './files.js';
import { CDN_DIR } from './paths.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The encodings written, with the file suffix each uses: one source of truth for the build, servers and tests. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type ContentCoding = (typeof PRECOMPRESSED)[number]['encoding'];

export interface CompressedFile {
  path: string;
  bytes: number;
  brBytes: number;
  gzipBytes: number;
}

export function isPrecompressed(path: string): boolean {
  return PRECOMPRESSED.some(({ suffix }) => path.endsWith(suffix));
}

export async function compressBytes(bytes: Uint8Array): Promise<{ br: Buffer; gzip: Buffer }> {
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzipAsync(bytes, { level: 9 }),
  ]);
  return { br, gzip: gz };
}

/** Writes the .br and .gz of every file under `dir` (replacing older ones); returns the sizes, largest first. */
export async function writePrecompressed(dir: string = CDN_DIR): Promise<CompressedFile[]> {
  const sources = (await filesUnder(dir)).filter((path) => !isPrecompressed(path));
  const files = await Promise.all(
    sources.map(async (path): Promise<CompressedFile> => {
      const bytes = await readFile(join(dir, path));
      const { br, gzip: gz } = await compressBytes(bytes);
      await Promise.all([writeFile(join(dir, `${path}.br`), br), writeFile(join(dir, `${path}.gz`), gz)]);
      return { path, bytes: bytes.length, brBytes: br.length, gzipBytes: gz.length };
    }),
  );
  return files.sort((a, b) => b.bytes - a.bytes);
}

export function formatCompressionReport(files: CompressedFile[]): string {
  const n = (value: number) => value.toLocaleString('en').padStart(11);
  const total = (pick: (file: CompressedFile) => number) => files.reduce((sum, file) => sum + pick(file), 0);
  return [
    'Precompressed beside every file of dist/cdn (.br quality 11, .gz level 9):',
    `  ${'raw B'.padStart(11)}  ${'.br B'.padStart(11)}  ${'.gz B'.padStart(11)}  file`,
    ...files.map((file) => `  ${n(file.bytes)}  ${n(file.brBytes)}  ${n(file.gzipBytes)}  ${file.path}`),
    `  ${n(total((f) => f.bytes))}  ${n(total((f) => f.brBytes))}  ${n(total((f) => f.gzipBytes))}  total`,
  ].join('\n');
}
