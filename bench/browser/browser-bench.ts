/**
 * The browser bench: the widget's production build and the BlazeFace/TensorFlow.js baseline, each loaded from the
 * bench's static server into headless Debian Chromium whose fake camera plays the `good` clip.
 *
 * Per target: cold loads (a fresh context, so an empty cache, per run; widget and baseline runs alternate so
 * both see the same machine load), one warm reload in the same context, one steady window of guidance, and for
 * the widget one capture per mode.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureClip } from '../../tools/clips.js';
import { compilePages, PAGE_PATHS } from '../lib/pages.js';
import { startStaticServer, type RunningStaticServer } from '../lib/static-server.js';
import { makeTempDir } from '../lib/temp-dir.js';
import { ratio, round, summarize, type Summary } from '../lib/stats.js';
import { buildWidget, type WidgetBuild } from '../lib/widget-build.js';
import type { CaptureSample } from '../pages/protocol.js';
import { chromiumArgs, launchChromium, launchPersistent } from './chromium.js';
import {
  loadPhases,
  longTaskTotals,
  steadyFigures,
  summarizePhases,
  type LoadPhases,
  type LongTaskTotals,
  type SteadyFigures,
} from './metrics.js';
import { traceCodeCache, type CodeCacheOutcome } from './code-cache.js';
import { byteBreakdown, type ByteBreakdown, type CategoryBytes } from './network.js';
import { runPage, withFreshPage, type PageRun } from './page-run.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HUMAN_DIR = join(ROOT, 'node_modules', '@vladmandic', 'human');
/** Where the tfjs WASM binaries would be; @vladmandic/human bundles tfjs's JS but not these files. */
const TFJS_WASM_CANDIDATES = [
  process.env.BENCH_TFJS_WASM_DIR,
  join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist'),
].filter((dir): dir is string => typeof dir === 'string' && dir.length > 0);
const TFJS_WASM_FILE = 'tfjs-backend-wasm-simd.wasm';

/** Served like a CDN serves unversioned files: an hour of freshness, then ETag revalidation. */
export const CACHE_CONTROL = 'public, max-age=3600';

export interface BrowserBenchOptions {
  coldRuns: number;
  steadyWindowMs: number;
  clip: 'good';
  bundler: 'vite' | 'esbuild';
  log: (line: string) => void;
}

export interface LoadReport {
  runs: LoadPhases[];
  summary: Record<keyof LoadPhases, Summary>;
  /** Main-thread long tasks from navigation to first guidance, per run. */
  longTasks: { count: Summary; totalMs: Summary };
}

export interface TargetReport {
  /** The detector runtime the page reported (widget: worker | main-thread; baseline: the tfjs backend). */
  runtime: string;
  /** Cold-cache bytes with brotli offered (and gzip for what brotli does not shrink). */
  coldBytes: ByteBreakdown;
  /** The face landmarker's download, which starts after the first guidance (zero for the baseline). */
  deferredBytes: CategoryBytes;
  /** The same load with gzip only, as from a server without brotli. */
  coldBytesGzip: ByteBreakdown;
  /**
   * The returning visitor: a first visit guided for `WARM_FIRST_VISIT_MS` in a profile kept on disk, then a
   * reload. `codeCache`: whether that reload's WASM came from Chromium's compiled-code cache.
   */
  warm: { bytes: ByteBreakdown; browserRequests: number; phases: LoadPhases; codeCache: CodeCacheOutcome };
  cold: LoadReport;
  steady: SteadyFigures;
}

export interface CaptureReport extends CaptureSample {
  /** Element connected → liveness-capture (default hold 1 s, clip 2.5 s). */
  connectedToCaptureMs: number;
}

export interface BaselineInfo {
  library: string;
  version: string;
  tfjsVersion: string;
  model: string;
  backendRequested: 'wasm' | 'cpu';
  backendNote: string | null;
}

/** The first run as a person meets it: 2 s on the start screen, then a click. */
export interface FirstRunReport {
  readMs: number;
  /** Widget: click on Start → first guidance (its warm-up ran while the start screen showed). */
  clickToFirstGuidance: Summary;
  /** The floor: a bare page's click → the camera's first frame playing. */
  floorClickToCameraPlaying: Summary;
  /** clickToFirstGuidance ÷ the floor (medians); goal ≤ 1.2. */
  ratioToFloor: number | null;
  /** Main-thread long tasks from navigation to the first guidance, per click run. */
  longTasksBeforeFirstGuidance: { count: Summary; totalMs: Summary };
}

export interface BrowserReport {
  chromiumFlags: string;
  clip: string;
  cacheControl: string;
  build: Omit<WidgetBuild, 'dir'>;
  widget: TargetReport & { captures: CaptureReport[]; firstRun: FirstRunReport };
  baseline: TargetReport & BaselineInfo;
  /** ours / baseline. Below 1 means the widget is smaller / faster. */
  ratios: Record<string, number | null>;
  externalRequests: string[];
}

interface Target {
  name: 'widget' | 'baseline' | 'floor';
  query: Record<string, string>;
}

function pagePath(target: Target, extra: Record<string, string>): string {
  return `${PAGE_PATHS[target.name]}?${new URLSearchParams({ ...target.query, ...extra }).toString()}`;
}

async function findTfjsWasm(): Promise<string | null> {
  for (const dir of TFJS_WASM_CANDIDATES) {
    try {
      await access(join(dir, TFJS_WASM_FILE));
      return dir;
    } catch {
      // Not there: try the next place.
    }
  }
  return null;
}

async function packageVersion(dir: string): Promise<string> {
  const parsed = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}

async function tfjsVersion(): Promise<string> {
  const source = await readFile(join(HUMAN_DIR, 'dist', 'tfjs.version.js'), 'utf8');
  return /"(\d+\.\d+\.\d+)"/.exec(source)?.[1] ?? 'unknown';
}

export async function runBrowserBench(options: BrowserBenchOptions): Promise<BrowserReport> {
  const { log } = options;
  const work = await makeTempDir('liveness-bench-web-');
  const workDir = work.path;
  const cleanup: Array<() => Promise<unknown>> = [() => work.remove()];
  try {
    log('browser: building the widget (production CDN build)');
    let build = await buildWidget(join(workDir, 'widget'), options.bundler);
    if (build.bundler === 'esbuild-fallback') log(`browser: using the esbuild bundle (${build.fallbackReason})`);
    const tfjsWasmDir = await findTfjsWasm();
    const mounts: Record<string, string> = {
      '/widget/': build.dir,
      '/vendor/human/': join(HUMAN_DIR, 'dist'),
      '/vendor/human-models/': join(HUMAN_DIR, 'models'),
    };
    if (tfjsWasmDir) mounts['/vendor/tfjs-wasm/'] = tfjsWasmDir;
    const server = await startStaticServer({
      mounts,
      pages: await compilePages(),
      gzip: true,
      cacheControl: CACHE_CONTROL,
    });
    cleanup.push(() => server.close());
    const clipPath = await ensureClip(options.clip);
    const browser = await launchChromium(clipPath);
    cleanup.push(() => browser.close());

    const backend: 'wasm' | 'cpu' = tfjsWasmDir ? 'wasm' : 'cpu';
    const widget: Target = { name: 'widget', query: { widget: `/widget/${build.entry}` } };
    const baseline: Target = { name: 'baseline', query: { backend } };
    const externalRequests = new Set<string>();
    const run = async (target: Target, extra: Record<string, string>, timeoutMs: number): Promise<PageRun> => {
      const result = await withFreshPage(
        () => browser.newContext(),
        (page) => runPage(page, { server, path: pagePath(target, extra), timeoutMs }),
      );
      for (const url of result.externalRequests) externalRequests.add(url);
      return result;
    };

    // One untimed load of each page first: it warms the machine's file cache and proves the build works. A Vite
    // build that loads but does not work is replaced by the esbuild bundle, and the report says so.
    log('browser: trial load (widget, not measured)');
    try {
      await run(widget, { scenario: 'load' }, 90_000);
    } catch (error) {
      if (build.bundler === 'esbuild-fallback') throw error;
      const reason = `the Vite build did not work in the browser: ${error instanceof Error ? error.message : String(error)}`;
      log(`browser: ${reason}; retrying with the esbuild bundle`);
      build = { ...(await buildWidget(build.dir, 'esbuild')), fallbackReason: reason };
      await run(widget, { scenario: 'load' }, 90_000);
    }
    log('browser: trial load (baseline, not measured)');
    await run(baseline, { scenario: 'load' }, 90_000);

    // Wire bytes as from a server without brotli, then brotli (quality 11, as the build's .br) from here on.
    const gzipOnly: Record<'widget' | 'baseline', PageRun> = {
      widget: await run(widget, { scenario: 'load' }, 90_000),
      baseline: await run(baseline, { scenario: 'load' }, 90_000),
    };
    log('browser: brotli-compressing every file served so far (quality 11, once)');
    await server.setEncodings(['br', 'gzip']);
    log('browser: trial loads with brotli (not measured)');
    await run(widget, { scenario: 'load' }, 180_000);
    await run(baseline, { scenario: 'load' }, 180_000);

    const cold: Record<'widget' | 'baseline', PageRun[]> = { widget: [], baseline: [] };
    for (let index = 0; index < options.coldRuns; index++) {
      for (const [name, target] of [
        ['widget', widget],
        ['baseline', baseline],
      ] as const) {
        log(`browser: cold load ${index + 1}/${options.coldRuns} (${name})`);
        cold[name].push(await run(target, { scenario: 'load' }, 90_000));
      }
    }
    const floor: Target = { name: 'floor', query: {} };
    const clickQuery = { scenario: 'click', readMs: String(READ_MS) };
    const clicks: PageRun[] = [];
    const floors: PageRun[] = [];
    for (let index = 0; index < options.coldRuns; index++) {
      log(
        `browser: first run ${index + 1}/${options.coldRuns}: ${READ_MS / 1000} s on the start screen, click (widget, floor)`,
      );
      clicks.push(await run(widget, clickQuery, 90_000));
      floors.push(await run(floor, clickQuery, 90_000));
    }
    const warm: Record<'widget' | 'baseline', WarmRun> = {
      widget: await warmRun(clipPath, server, widget, externalRequests, log),
      baseline: await warmRun(clipPath, server, baseline, externalRequests, log),
    };
    const steadyQuery = { scenario: 'steady', windowMs: String(options.steadyWindowMs) };
    const steadyTimeout = options.steadyWindowMs + 90_000;
    log(`browser: ${options.steadyWindowMs / 1000} s of guidance (widget)`);
    // A hold far longer than the window keeps the widget guiding on a clip that passes every gate.
    const widgetSteady = await run(widget, { ...steadyQuery, hold: '3600000' }, steadyTimeout);
    log(`browser: ${options.steadyWindowMs / 1000} s of detection (baseline)`);
    const baselineSteady = await run(baseline, steadyQuery, steadyTimeout);

    const captures: CaptureReport[] = [];
    const captureModes: Array<{ mode: string; videoFormat?: string }> = [
      { mode: 'image' },
      { mode: 'shotset' },
      { mode: 'video', videoFormat: 'recording' },
      { mode: 'video', videoFormat: 'shotset' },
    ];
    for (const capture of captureModes) {
      log(`browser: capture, mode ${capture.mode}${capture.videoFormat ? ` (${capture.videoFormat})` : ''}`);
      const query: Record<string, string> = { scenario: 'capture', mode: capture.mode };
      if (capture.videoFormat) query.videoFormat = capture.videoFormat;
      const { result } = await run(widget, query, 90_000);
      if (!result.capture || result.marks.captured === undefined || result.marks.connected === undefined) {
        throw new Error(`capture ${capture.mode}: the page reported no capture`);
      }
      captures.push({ ...result.capture, connectedToCaptureMs: round(result.marks.captured - result.marks.connected) });
    }

    const widgetReport = {
      ...targetReport(cold.widget, gzipOnly.widget, warm.widget, widgetSteady),
      captures,
      firstRun: firstRunReport(clicks, floors),
    };
    const baselineReport = targetReport(cold.baseline, gzipOnly.baseline, warm.baseline, baselineSteady);
    if (baselineReport.runtime !== backend) {
      throw new Error(
        `the baseline ran on tfjs backend "${baselineReport.runtime}", not the "${backend}" it was given`,
      );
    }
    const humanVersion = await packageVersion(HUMAN_DIR);
    return {
      chromiumFlags: ['--headless', ...chromiumArgs('<clip.y4m>')].join(' '),
      clip: `${options.clip} (tools/clips.ts, 640×480 y4m)`,
      cacheControl: `${CACHE_CONTROL} + ETag`,
      build: {
        entry: build.entry,
        bundler: build.bundler,
        files: build.files,
        ...(build.fallbackReason ? { fallbackReason: build.fallbackReason } : {}),
      },
      widget: widgetReport,
      baseline: {
        ...baselineReport,
        library: '@vladmandic/human (face detector only)',
        version: humanVersion,
        tfjsVersion: await tfjsVersion(),
        model: 'BlazeFace as shipped in @vladmandic/human/models/blazeface.json (256×256 input)',
        backendRequested: backend,
        backendNote:
          backend === 'wasm'
            ? null
            : `tfjs WASM binaries (${TFJS_WASM_FILE} etc.) are not installed: @vladmandic/human bundles tfjs's JS only and ` +
              `@tensorflow/tfjs-backend-wasm is not a dependency, so the baseline runs tfjs's CPU backend (pure JS), ` +
              `the fallback the WASM backend drops to. Set BENCH_TFJS_WASM_DIR to a folder holding the binaries to bench WASM.`,
      },
      ratios: ratios(widgetReport, baselineReport),
      externalRequests: [...externalRequests].sort(),
    };
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  }
}

/**
 * How long the first visit of the warm run guides before the reload. Chromium keeps a module's compiled code only
 * once V8 has optimised enough of it and then seen no more optimisation for a moment, so a visit that ends at the
 * first guidance leaves nothing cached; a person who went through a capture has been guided for seconds.
 */
const WARM_FIRST_VISIT_MS = 6_000;

interface WarmRun extends PageRun {
  codeCache: CodeCacheOutcome;
}

/**
 * The returning visitor: one guided visit in a profile on disk (a fresh context of the shared browser is an
 * incognito-like profile, whose compiled-code cache never served a second load), then the same page again.
 */
async function warmRun(
  clipPath: string,
  server: RunningStaticServer,
  target: Target,
  externalRequests: Set<string>,
  log: (line: string) => void,
): Promise<WarmRun> {
  log(`browser: warm reload (${target.name}): ${WARM_FIRST_VISIT_MS / 1000} s guided visit, then a reload`);
  const profile = await makeTempDir(`liveness-bench-profile-${target.name}-`);
  const context = await launchPersistent(clipPath, profile.path);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const first = await runPage(page, {
      server,
      path: pagePath(target, { scenario: 'steady', windowMs: String(WARM_FIRST_VISIT_MS), hold: '3600000' }),
      timeoutMs: WARM_FIRST_VISIT_MS + 90_000,
    });
    // The same page again, as a person returning to it (the product's files are the same URLs as on the visit).
    const traced = await traceCodeCache(page);
    const again = await runPage(page, { server, path: pagePath(target, { scenario: 'load' }), timeoutMs: 90_000 });
    const codeCache = await traced();
    for (const url of [...first.externalRequests, ...again.externalRequests]) externalRequests.add(url);
    return { ...again, codeCache };
  } finally {
    await context.close();
    await profile.remove();
  }
}

/** How long the person looks at the start screen before clicking, in the first-run figures. */
const READ_MS = 2_000;

function firstRunReport(clicks: PageRun[], floors: PageRun[]): FirstRunReport {
  const since = (run: PageRun, end: 'firstGuidance' | 'cameraPlaying'): number => {
    const { clicked, [end]: at } = run.result.marks;
    if (clicked === undefined || at === undefined) throw new Error(`the click page never reached "${end}"`);
    return round(at - clicked);
  };
  const clickToFirstGuidance = summarize(clicks.map((run) => since(run, 'firstGuidance')));
  const floorClickToCameraPlaying = summarize(floors.map((run) => since(run, 'cameraPlaying')));
  const longTasks = clicks.map((run) =>
    longTaskTotals(run.result.longTasks, 0, (run.result.marks.firstGuidance ?? 0) + 1),
  );
  return {
    readMs: READ_MS,
    clickToFirstGuidance,
    floorClickToCameraPlaying,
    ratioToFloor: ratio(clickToFirstGuidance.median, floorClickToCameraPlaying.median),
    longTasksBeforeFirstGuidance: {
      count: summarize(longTasks.map((totals) => totals.count)),
      totalMs: summarize(longTasks.map((totals) => totals.totalMs)),
    },
  };
}

function targetReport(coldRuns: PageRun[], gzipOnly: PageRun, warm: WarmRun, steady: PageRun): TargetReport {
  const first = coldRuns[0];
  if (!first) throw new Error('no cold runs');
  const phases = coldRuns.map((run) => loadPhases(run.result.marks));
  const loadLongTasks: LongTaskTotals[] = coldRuns.map((run, index) =>
    longTaskTotals(run.result.longTasks, 0, (phases[index]?.navigationToFirstGuidance ?? 0) + 1),
  );
  const runtimes = new Set(coldRuns.map((run) => run.result.runtime ?? 'unknown'));
  return {
    runtime: [...runtimes].join(' / '),
    // Every cold run downloads the same files; the median run by total wire bytes stands for them.
    coldBytes: medianBreakdown(coldRuns.map((run) => byteBreakdown(run.served))),
    coldBytesGzip: byteBreakdown(gzipOnly.served),
    warm: {
      bytes: byteBreakdown(warm.served),
      browserRequests: warm.browserRequests,
      phases: loadPhases(warm.result.marks),
      codeCache: warm.codeCache,
    },
    cold: {
      runs: phases,
      summary: summarizePhases(phases),
      longTasks: {
        count: summarize(loadLongTasks.map((totals) => totals.count)),
        totalMs: summarize(loadLongTasks.map((totals) => totals.totalMs)),
      },
    },
    steady: steadyFigures(steady.result),
    // Requested only after the first guidance, so no part of `coldBytes`: what the steady run downloaded of it.
    deferredBytes: byteBreakdown(steady.served).deferred,
  };
}

function medianBreakdown(breakdowns: ByteBreakdown[]): ByteBreakdown {
  const sorted = [...breakdowns].sort((a, b) => a.total.wireBytes - b.total.wireBytes);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('no byte figures');
  return median;
}

function ratios(widget: TargetReport, baseline: TargetReport): Record<string, number | null> {
  return {
    coldBytesRaw: ratio(widget.coldBytes.total.rawBytes, baseline.coldBytes.total.rawBytes),
    coldBytesBrotli: ratio(widget.coldBytes.total.bodyBytes, baseline.coldBytes.total.bodyBytes),
    coldBytesGzip: ratio(widget.coldBytesGzip.total.bodyBytes, baseline.coldBytesGzip.total.bodyBytes),
    connectedToFirstGuidanceMedian: ratio(
      widget.cold.summary.connectedToFirstGuidance.median,
      baseline.cold.summary.connectedToFirstGuidance.median,
    ),
    navigationToFirstGuidanceMedian: ratio(
      widget.cold.summary.navigationToFirstGuidance.median,
      baseline.cold.summary.navigationToFirstGuidance.median,
    ),
    warmNavigationToFirstGuidance: ratio(
      widget.warm.phases.navigationToFirstGuidance,
      baseline.warm.phases.navigationToFirstGuidance,
    ),
    perFrameP50: ratio(widget.steady.roundTripMs.median, baseline.steady.roundTripMs.median),
    perFrameP95: ratio(widget.steady.roundTripMs.p95, baseline.steady.roundTripMs.p95),
    framesPerSecond: ratio(widget.steady.framesPerSecond, baseline.steady.framesPerSecond),
    steadyLongTaskCount: ratio(widget.steady.longTasks.count, baseline.steady.longTasks.count),
    steadyLongTaskMs: ratio(widget.steady.longTasks.totalMs, baseline.steady.longTasks.totalMs),
  };
}
