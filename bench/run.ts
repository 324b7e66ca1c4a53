/**
 * `npm run bench`: measures the widget in Debian Chromium and the backend over loopback HTTP, and writes
 * bench/results/<timestamp>.json, bench/results/latest.json and bench/results/latest.md.
 *
 * Options (after `npm run bench --`):
 *   --runs=N            cold page loads per target (default 5)
 *   --window=MS         steady guidance window (default 10000)
 *   --only=browser|backend
 *   --quick             fewer runs and checks, for trying the bench itself (results still written)
 *   --render-only       measure nothing: re-render latest.md (and the docs' figures) from latest.json
 *   --no-write          print the summary without writing bench/results/ (a full run also refreshes the
 *                       current figures in docs/benchmarks.md)
 * BENCH_BUNDLER=esbuild bundles the widget with esbuild instead of the project's Vite build;
 * BENCH_TFJS_WASM_DIR points the baseline at tfjs WASM binaries; BENCH_CHROMIUM overrides /usr/bin/chromium.
 *
 * Exits 1 with the failing step named when any step fails; servers, the backend process and the browser are
 * closed on every path.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBackendBench } from './backend/backend-bench.js';
import { runBrowserBench } from './browser/browser-bench.js';
import { assertChromium, chromiumVersion } from './browser/chromium.js';
import { loadAverageNow, machineInfo } from './lib/machine.js';
import { withFigures } from './report/docs.js';
import { renderMarkdown } from './report/markdown.js';
import { REPORT_SCHEMA_VERSION, type BenchReport } from './report/types.js';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const BENCHMARKS_DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

interface Plan {
  browser: boolean;
  backend: boolean;
  coldRuns: number;
  steadyWindowMs: number;
  uploadConcurrencies: number[];
  uploadsPerLevel: number[];
  concurrencies: number[];
  checksPerLevel: number[];
  warmupChecks: number;
  write: boolean;
  renderOnly: boolean;
  bundler: 'vite' | 'esbuild';
}

function plan(argv: string[]): Plan {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      window: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      'render-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const quick = values.quick ?? false;
  const positive = (value: string | undefined, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer`);
    return parsed;
  };
  if (values.only !== undefined && values.only !== 'browser' && values.only !== 'backend') {
    throw new Error('--only must be browser or backend');
  }
  const bundler = process.env.BENCH_BUNDLER ?? 'vite';
  if (bundler !== 'vite' && bundler !== 'esbuild') throw new Error('BENCH_BUNDLER must be vite or esbuild');
  return {
    browser: values.only !== 'backend',
    backend: values.only !== 'browser',
    coldRuns: positive(values.runs, quick ? 2 : 5, 'runs'),
    steadyWindowMs: positive(values.window, quick ? 3000 : 10_000, 'window'),
    // c4 is there for the p99 goal; c32 for the throughput goal.
    uploadConcurrencies: [1, 4, 8, 32],
    uploadsPerLevel: quick ? [20, 60, 100, 300] : [100, 400, 600, 2000],
    concurrencies: [1, 8, 32],
    checksPerLevel: quick ? [5, 16, 64] : [20, 80, 320],
    warmupChecks: quick ? 3 : 10,
    write: !values['no-write'],
    renderOnly: values['render-only'] ?? false,
    bundler,
  };
}

function log(line: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** Runs one step, naming it in the error when it fails. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function warningsFor(report: BenchReport): string[] {
  const warnings: string[] = [];
  const { machine, browser } = report;
  const busiest = Math.max(machine.loadAverage.start, machine.loadAverage.end);
  if (busiest > machine.cores) {
    warnings.push(
      `The machine was busy (1-min load average up to ${busiest} on ${machine.cores} cores): figures are noisy.`,
    );
  }
  if (browser) {
    if (browser.build.bundler === 'esbuild-fallback') {
      warnings.push(
        `The widget was bundled with esbuild, not the project's Vite build (${browser.build.fallbackReason ?? 'unknown reason'}).`,
      );
    }
    if (browser.widget.runtime !== 'worker') {
      warnings.push(`The widget's detector ran on "${browser.widget.runtime}", not in its worker.`);
    }
    if (browser.baseline.backendNote) warnings.push(`Baseline: ${browser.baseline.backendNote}`);
    if (browser.externalRequests.length > 0) {
      warnings.push(
        `Pages asked for non-loopback URLs (blocked by the bench, never sent): ${browser.externalRequests.join(', ')}. ` +
          'MediaPipe tasks-vision sends usage logs to odml.pa.googleapis.com when a task closes and every 60 s.',
      );
    }
  }
  return warnings;
}

/** Re-renders the summary from latest.json, for a change to the summary's layout without a new measurement. */
async function renderOnly(): Promise<void> {
  const report = JSON.parse(await readFile(`${RESULTS_DIR}latest.json`, 'utf8')) as BenchReport;
  if (report.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new Error(
      `latest.json has schema ${report.schemaVersion}, this bench writes ${REPORT_SCHEMA_VERSION}: run the bench again`,
    );
  }
  const markdown = renderMarkdown(report);
  await writeFile(`${RESULTS_DIR}latest.md`, markdown);
  log('re-rendered bench/results/latest.md from latest.json');
  if (report.browser && report.backend) await updateDocs(markdown);
}

async function main(): Promise<void> {
  const options = plan(process.argv.slice(2));
  if (options.renderOnly) return renderOnly();
  const started = performance.now();
  const loadAtStart = loadAverageNow();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

  let chromium: string | null = null;
  let browser: BenchReport['browser'] = null;
  if (options.browser) {
    await step('Chromium check', assertChromium);
    chromium = await step('Chromium version', chromiumVersion);
    browser = await step('browser bench', () =>
      runBrowserBench({
        coldRuns: options.coldRuns,
        steadyWindowMs: options.steadyWindowMs,
        clip: 'good',
        bundler: options.bundler,
        log,
      }),
    );
  }
  const backend = options.backend
    ? await step('backend bench', () =>
        runBackendBench({
          uploadConcurrencies: options.uploadConcurrencies,
          uploadsPerLevel: options.uploadsPerLevel,
          concurrencies: options.concurrencies,
          checksPerLevel: options.checksPerLevel,
          warmupChecks: options.warmupChecks,
          log,
        }),
      )
    : null;

  const report: BenchReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    command,
    durationMs: Math.round(performance.now() - started),
    machine: machineInfo(loadAtStart),
    chromium,
    warnings: [],
    browser,
    backend,
  };
  report.warnings = warningsFor(report);
  const markdown = renderMarkdown(report);
  if (options.write) {
    await mkdir(RESULTS_DIR, { recursive: true });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    const stamp = report.generatedAt.replace(/[:.]/g, '-');
    await writeFile(`${RESULTS_DIR}${stamp}.json`, json);
    await writeFile(`${RESULTS_DIR}latest.json`, json);
    await writeFile(`${RESULTS_DIR}latest.md`, markdown);
    log(`wrote bench/results/${stamp}.json, latest.json and latest.md`);
    // A partial run (--only) would leave half the section stale: only a full run updates the docs.
    if (options.browser && options.backend) await updateDocs(markdown);
  }
  process.stdout.write(`\n${markdown}`);
}

async function updateDocs(markdown: string): Promise<void> {
  const doc = await readFile(BENCHMARKS_DOC, 'utf8').catch(() => null);
  const updated = doc === null ? null : withFigures(doc, markdown);
  if (updated === null) {
    log('docs/benchmarks.md has no figures markers: copy latest.md into it by hand');
    return;
  }
  await writeFile(BENCHMARKS_DOC, updated);
  log('updated the current figures in docs/benchmarks.md');
}

// Ctrl-C: Playwright closes its browser and the backend process exits when its IPC channel closes.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nbench interrupted (${signal})\n`);
    process.exit(130);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\nbench FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
