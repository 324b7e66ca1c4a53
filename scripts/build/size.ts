/**
 * The size budget: gzip bytes of the JavaScript we ship in the CDN build, MediaPipe's chunk and the assets
 * (MediaPipe's WASM loader and binary, the model) excluded because their size is not ours to change. Lit is counted:
 * the bundle carries it. The budget and today's figure are in docs/integration.md ("Size budget").
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CDN_CHUNKS_DIR, MEDIAPIPE_CHUNK_NAME } from '../../vite.config.js';
import { filesUnder } from './files.js';
import { CDN_DIR } from './paths.js';

/** Gzip bytes (level 9) of our JS in dist/cdn. About 20 % over the size at the time it was set. */
export const OWN_JS_GZIP_BUDGET = 43_000;

export interface SizedFile {
  path: string;
  gzipBytes: number;
}

export interface SizeReport {
  own: SizedFile[];
  excluded: SizedFile[];
  ownGzipBytes: number;
  budget: number;
  withinBudget: boolean;
}

const MEDIAPIPE_CHUNK = new RegExp(`^${CDN_CHUNKS_DIR}/${MEDIAPIPE_CHUNK_NAME}-[\\w-]+\\.js$`);

/** Pure: which files count against the budget (our JS) and whether they fit. */
export function judgeSize(files: SizedFile[], budget: number = OWN_JS_GZIP_BUDGET): SizeReport {
  const isOwn = (file: SizedFile) => file.path.endsWith('.js') && !file.path.startsWith('assets/') && !MEDIAPIPE_CHUNK.test(file.path);
  const own = files.filter(isOwn);
  const ownGzipBytes = own.reduce((sum, file) => sum + file.gzipBytes, 0);
  return { own, excluded: files.filter((file) => !isOwn(file)), ownGzipBytes, budget, withinBudget: ownGzipBytes <= budget };
}

export async function measureCdn(dir: string = CDN_DIR): Promise<SizedFile[]> {
  const files = (await filesUnder(dir)).filter((file) => file.endsWith('.js'));
  return Promise.all(
    files.map(async (path) => ({ path, gzipBytes: gzipSync(await readFile(join(dir, path)), { level: 9 }).length })),
  );
}

export function formatSizeReport(report: SizeReport): string {
  const line = (file: SizedFile) => `  ${file.gzipBytes.toLocaleString('en').padStart(9)} B  ${file.path}`;
  return [
    'Our JS in dist/cdn (gzip -9):',
    ...report.own.map(line),
    `  ${report.ownGzipBytes.toLocaleString('en').padStart(9)} B  total, budget ${report.budget.toLocaleString('en')} B`,
    'Not counted (MediaPipe):',
    ...report.excluded.map(line),
  ].join('\n');
}
