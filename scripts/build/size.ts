/**
 * The size budget: gzip bytes of the JavaScript we ship in the CDN build, MediaPipe's chunk and the assets
 * (MediaPipe's WASM loader and binary, the model) excluded because their size is not ours to change. Lit is counted:
 * the bundle carries it. A page loads at most one language chunk, so the total counts the largest one, and every
 * language chunk has a budget of its own. The budgets and today's figures are in docs/integration.md ("Size budget").
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CDN_CHUNKS_DIR, LOCALE_CHUNK_PREFIX, MEDIAPIPE_CHUNK_NAME } from '../../vite.config.js';
import { filesUnder } from './files.js';
import { CDN_DIR } from './paths.js';

/**
 * Gzip bytes (level 9) of our JS in dist/cdn. Set about 20 % over the size at the time; raised from 43,000 when the
 * face landmarker's runtime (in the worker and the main-thread chunk, about 4.5 kB) and the handoff screens (about
 * 4 kB) took the total past it; raised to 51,000 when the detector's runtime chain (GL probe, proof frame, one
 * switch mid-guidance) and the recorder probe (about 0.8 kB, partly in both the worker and the main-thread chunk)
 * took it to 49,788; raised to 52,000 when reading the providers' accepted media before recording
 * (GET /capture-options, issue 16) took it to 51,206; raised to 54,000 when packaging and the upload client left the
 * bundle for a chunk fetched after the first guidance (issue 12): the bundle lost 973 B, but split code compresses
 * worse, so the total grew to 52,801 (53,053 with the handoff client a chunk too).
 */
export const OWN_JS_GZIP_BUDGET = 54_000;
/**
 * Gzip bytes (level 9) of one language's chunk. About a quarter over the largest (Greek, 1,571 B) when it was set;
 * raised from 2,000 B when the handoff and in-app browser screens added 21 texts (Greek: 2,178 B).
 */
export const LOCALE_CHUNK_GZIP_BUDGET = 2_600;

export interface SizedFile {
  path: string;
  gzipBytes: number;
}

export interface SizeReport {
  /** Our JS but the language chunks. */
  own: SizedFile[];
  /** One chunk per language; a page loads at most one. */
  locales: SizedFile[];
  excluded: SizedFile[];
  /** `own` plus the largest language chunk: the most of our JS one page downloads. */
  ownGzipBytes: number;
  budget: number;
  localeBudget: number;
  /** Language chunks over `localeBudget`. */
  localesOverBudget: SizedFile[];
  withinBudget: boolean;
}

const MEDIAPIPE_CHUNK = new RegExp(`^${CDN_CHUNKS_DIR}/${MEDIAPIPE_CHUNK_NAME}-[\\w-]+\\.js$`);
// The QR encoder (qrcode-generator), loaded only when the handoff screen shows a code: not ours, not on the first run.
const QR_CHUNK = new RegExp(`^${CDN_CHUNKS_DIR}/qr-[\\w-]+\\.js$`);
const LOCALE_CHUNK = new RegExp(`^${CDN_CHUNKS_DIR}/${LOCALE_CHUNK_PREFIX}[\\w-]+\\.js$`);

/** Pure: which files count against the budgets (our JS) and whether they fit. */
export function judgeSize(
  files: SizedFile[],
  budget: number = OWN_JS_GZIP_BUDGET,
  localeBudget: number = LOCALE_CHUNK_GZIP_BUDGET,
): SizeReport {
  const isOurs = (file: SizedFile) =>
    file.path.endsWith('.js') &&
    !file.path.startsWith('assets/') &&
    !MEDIAPIPE_CHUNK.test(file.path) &&
    !QR_CHUNK.test(file.path);
  const locales = files.filter((file) => isOurs(file) && LOCALE_CHUNK.test(file.path));
  const own = files.filter((file) => isOurs(file) && !LOCALE_CHUNK.test(file.path));
  const largestLocale = Math.max(0, ...locales.map((file) => file.gzipBytes));
  const ownGzipBytes = own.reduce((sum, file) => sum + file.gzipBytes, 0) + largestLocale;
  const localesOverBudget = locales.filter((file) => file.gzipBytes > localeBudget);
  return {
    own,
    locales,
    excluded: files.filter((file) => !isOurs(file)),
    ownGzipBytes,
    budget,
    localeBudget,
    localesOverBudget,
    withinBudget: ownGzipBytes <= budget && localesOverBudget.length === 0,
  };
}

export async function measureCdn(dir: string = CDN_DIR): Promise<SizedFile[]> {
  const files = (await filesUnder(dir)).filter((file) => file.endsWith('.js'));
  return Promise.all(
    files.map(async (path) => ({ path, gzipBytes: gzipSync(await readFile(join(dir, path)), { level: 9 }).length })),
  );
}

export function formatSizeReport(report: SizeReport): string {
  const bytes = (n: number) => `${n.toLocaleString('en').padStart(9)} B`;
  const line = (file: SizedFile) => `  ${bytes(file.gzipBytes)}  ${file.path}`;
  const sizes = report.locales.map((file) => file.gzipBytes);
  const localeSummary =
    sizes.length === 0
      ? []
      : [
          `Language chunks (${sizes.length}, one per page at most; budget ${report.localeBudget.toLocaleString('en')} B each):`,
          `  ${bytes(Math.min(...sizes))}  smallest`,
          `  ${bytes(Math.max(...sizes))}  largest, counted in the total`,
          ...report.localesOverBudget.map((file) => `  ${bytes(file.gzipBytes)}  ${file.path}  OVER BUDGET`),
        ];
  return [
    'Our JS in dist/cdn (gzip -9):',
    ...report.own.map(line),
    ...localeSummary,
    `  ${bytes(report.ownGzipBytes)}  total, budget ${report.budget.toLocaleString('en')} B`,
    'Not counted (MediaPipe):',
    ...report.excluded.map(line),
  ].join('\n');
}
