/** Renders the short human summary (bench/results/latest.md) from a report. Pure. */
import type { BackendReport, PhaseReport, UploadPhaseReport, VariantReport } from '../backend/backend-bench.js';
import type { FirstRunReport, TargetReport } from '../browser/browser-bench.js';
import type { ByteBreakdown } from '../browser/network.js';
import type { Summary } from '../lib/stats.js';
import type { BenchReport } from './types.js';

const KB = 1000;
const MB = 1000 * 1000;

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(2)} MB`;
  if (bytes >= KB) return `${(bytes / KB).toFixed(1)} kB`;
  return `${bytes} B`;
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

function formatRatio(value: number | null | undefined): string {
  return value == null ? 'n/a' : `${value.toFixed(value < 0.1 ? 3 : 2)}×`;
}

/** "median (p10–p90)" for a handful of runs. */
function spread(summary: Summary): string {
  return `${formatMs(summary.median)} (${formatMs(summary.p10)}–${formatMs(summary.p90)})`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function bytesCell(breakdown: ByteBreakdown, category: keyof ByteBreakdown): string {
  const bytes = breakdown[category];
  if (bytes.requests === 0) return '–';
  return `${formatBytes(bytes.rawBytes)} / ${formatBytes(bytes.bodyBytes)}`;
}

/** The first run as a person meets it, beside the floor a bare page sets. */
function firstRunSection(widget: { firstRun?: FirstRunReport }): string[] {
  const first = widget.firstRun;
  if (!first) return [];
  return [
    `### First run: ${formatMs(first.readMs)} on the start screen, then a click: median (p10–p90) of ${first.clickToFirstGuidance.n} runs`,
    '',
    table(
      ['', 'widget', 'floor (bare page: click → camera playing)', 'ratio (medians)'],
      [
        [
          '**click → first guidance**',
          spread(first.clickToFirstGuidance),
          spread(first.floorClickToCameraPlaying),
          formatRatio(first.ratioToFloor),
        ],
        [
          'main-thread long tasks before first guidance: count / total (medians)',
          `${first.longTasksBeforeFirstGuidance.count.median} / ${formatMs(first.longTasksBeforeFirstGuidance.totalMs.median)}`,
          '',
          '',
        ],
      ],
    ),
    '',
  ];
}

function browserSection(report: BenchReport): string[] {
  const browser = report.browser;
  if (!browser) return [];
  const { widget, baseline, ratios } = browser;
  const both = (pick: (target: TargetReport) => string): [string, string] => [pick(widget), pick(baseline)];
  const phaseRow = (label: string, name: keyof TargetReport['cold']['summary']): string[] => [
    label,
    ...both((target) => spread(target.cold.summary[name])),
    formatRatio(ratio(widget.cold.summary[name].median, baseline.cold.summary[name].median)),
  ];
  const runs = widget.cold.summary.connectedToFirstGuidance.n;
  return [
    '## Browser',
    '',
    `Headless ${report.chromium ?? 'Chromium'}, fake camera playing the \`${browser.clip.split(' ')[0]}\` clip, files from a`,
    `loopback server with brotli (quality 11; gzip where brotli is not accepted) and \`${browser.cacheControl}\`. Widget: ${browser.build.bundler} build, detector runtime`,
    `\`${widget.runtime}\`. Baseline: ${baseline.library} ${baseline.version}, tfjs ${baseline.tfjsVersion}, backend \`${baseline.runtime}\`.`,
    '',
    `### Bytes before the first guidance (raw / brotli on the wire), cold cache`,
    '',
    table(
      ['', 'widget', 'baseline', 'ratio (brotli)'],
      [
        ...(['js', 'wasm', 'model', 'other'] as const).map((category) => [
          category,
          bytesCell(widget.coldBytes, category),
          bytesCell(baseline.coldBytes, category),
          formatRatio(ratio(widget.coldBytes[category].bodyBytes, baseline.coldBytes[category].bodyBytes)),
        ]),
        [
          '**total**',
          bytesCell(widget.coldBytes, 'total'),
          bytesCell(baseline.coldBytes, 'total'),
          formatRatio(ratios.coldBytesBrotli),
        ],
        [
          'total with gzip only (a server without brotli)',
          ...both((t) => (t.coldBytesGzip ? bytesCell(t.coldBytesGzip, 'total') : 'n/a')),
          formatRatio(ratios.coldBytesGzip),
        ],
        [
          'warm reload: bytes on the wire (requests that reached the server / made)',
          `${formatBytes(widget.warm.bytes.total.wireBytes)} (${widget.warm.bytes.total.requests}/${widget.warm.browserRequests})`,
          `${formatBytes(baseline.warm.bytes.total.wireBytes)} (${baseline.warm.bytes.total.requests}/${baseline.warm.browserRequests})`,
          '',
        ],
      ],
    ),
    '',
    `### Time to first guidance, cold cache: median (p10–p90) of ${runs} runs`,
    '',
    table(
      ['', 'widget', 'baseline', 'ratio (medians)'],
      [
        phaseRow('navigation → element connected', 'navigationToConnected'),
        phaseRow('connected → camera playing', 'connectedToCameraPlaying'),
        phaseRow('camera playing → detector ready', 'cameraPlayingToDetectorReady'),
        phaseRow('detector ready → first guidance', 'detectorReadyToFirstGuidance'),
        phaseRow('**connected → first guidance**', 'connectedToFirstGuidance'),
        phaseRow('navigation → first guidance', 'navigationToFirstGuidance'),
        [
          'main-thread long tasks before first guidance: count / total (medians)',
          ...both((t) => `${t.cold.longTasks.count.median} / ${formatMs(t.cold.longTasks.totalMs.median)}`),
          '',
        ],
        [
          'warm reload: navigation → first guidance',
          ...both((target) => formatMs(target.warm.phases.navigationToFirstGuidance)),
          formatRatio(ratios.warmNavigationToFirstGuidance),
        ],
        [
          'warm reload: camera playing → detector ready (WASM code cache hit / miss)',
          ...both(
            (target) =>
              `${formatMs(target.warm.phases.cameraPlayingToDetectorReady)} (code cache ${target.warm.codeCache ?? 'not checked'})`,
          ),
          formatRatio(
            ratio(widget.warm.phases.cameraPlayingToDetectorReady, baseline.warm.phases.cameraPlayingToDetectorReady),
          ),
        ],
      ],
    ),
    '',
    ...firstRunSection(widget),
    `### Steady guidance (${formatMs(widget.steady.windowMs)} window)`,
    '',
    table(
      ['', 'widget', 'baseline', 'ratio'],
      [
        [
          'frames analysed per second',
          ...both((t) => t.steady.framesPerSecond.toFixed(1)),
          formatRatio(ratios.framesPerSecond),
        ],
        [
          'per-frame latency p50 (main thread round trip)',
          ...both((t) => formatMs(t.steady.roundTripMs.median)),
          formatRatio(ratios.perFrameP50),
        ],
        ['per-frame latency p95', ...both((t) => formatMs(t.steady.roundTripMs.p95)), formatRatio(ratios.perFrameP95)],
        [
          'detector time p50 / p95 (worker side, face landmarker included)',
          widget.steady.inferenceMs
            ? `${formatMs(widget.steady.inferenceMs.median)} / ${formatMs(widget.steady.inferenceMs.p95)}`
            : '–',
          '–',
          '',
        ],
        [
          'face detection and frame statistics alone p50 / p95 (worker side)',
          widget.steady.detectionMs
            ? `${formatMs(widget.steady.detectionMs.median)} / ${formatMs(widget.steady.detectionMs.p95)}`
            : '–',
          '–',
          '',
        ],
        [
          'main-thread long tasks: count / total',
          ...both((t) => `${t.steady.longTasks.count} / ${formatMs(t.steady.longTasks.totalMs)}`),
          formatRatio(ratios.steadyLongTaskMs),
        ],
      ],
    ),
    '',
    ...landmarkSection(widget),
    '### Capture size (default settings)',
    '',
    table(
      ['mode', 'media', 'size', 'frames', 'selfie JPEG', 'connected → capture'],
      widget.captures.map((capture) => [
        `${capture.requested.mode}${capture.requested.videoFormat ? ` (${capture.requested.videoFormat})` : ''}`,
        `${capture.mediaType} \`${capture.fileName}\``,
        formatBytes(capture.mediaBytes),
        String(capture.frameCount),
        formatBytes(capture.selfieBytes),
        formatMs(capture.connectedToCaptureMs),
      ]),
    ),
    '',
  ];
}

function ratio(ours: number, theirs: number): number | null {
  return theirs === 0 ? null : ours / theirs;
}

function phaseRow(phase: PhaseReport, label: string): string[] {
  const providers = Object.entries(phase.providerMs)
    .map(([name, summary]) => `${name} ${formatMs(summary.median)}`)
    .join(', ');
  return [
    label,
    String(phase.checks),
    phase.checksPerSecond.toFixed(1),
    `${formatMs(phase.endToEndMs.median)} / ${formatMs(phase.endToEndMs.p99)}`,
    `${formatMs(phase.overheadMs.median)} / ${formatMs(phase.overheadMs.p99)}`,
    formatMs(phase.uploadMs.median),
    providers,
    formatMs(phase.backendCpuMsPerCheck),
    `${formatBytes(phase.usage.peakRssBytes)} / ${formatBytes(phase.usage.peakHeapUsedBytes)}`,
  ];
}

function uploadRow(phase: UploadPhaseReport, label: string): string[] {
  return [
    label,
    `c${phase.concurrency}`,
    String(phase.uploads),
    phase.uploadsPerSecond.toFixed(0),
    formatRatio(phase.ratioToFloor),
    `${formatMs(phase.latencyMs.median)} / ${formatMs(phase.latencyMs.p99)}`,
    formatMs(phase.cpuMsPerUpload),
    formatBytes(phase.usage.peakRssBytes),
  ];
}

const STORE_LABEL: Record<VariantReport['store'], string> = {
  embedded: 'embedded file store',
  'postgres-1': 'PostgreSQL, 1 instance',
  'postgres-2': 'PostgreSQL, 2 instances',
};

/** The goals of issue 9, judged on this run's figures. */
function goalLines(backend: BackendReport): string[] {
  const { goals } = backend;
  const lines: string[] = [];
  for (const variant of backend.variants) {
    if (variant.skipped !== null) continue;
    const at32 = variant.uploads.find((phase) => phase.concurrency === 32);
    const at4 = variant.uploads.find((phase) => phase.concurrency === 4);
    const bestChecks = Math.max(...variant.endToEnd.map((phase) => phase.checksPerSecond));
    const validationAt32 = backend.validationFloor?.uploads.find((phase) => phase.concurrency === 32);
    const mark = (ok: boolean) => (ok ? 'met' : 'missed');
    const parts = [
      at32
        ? `${at32.uploadsPerSecond.toFixed(0)} uploads/s at c32 (goal ≥ ${goals.uploadsPerSecondAt32}: ${mark(at32.uploadsPerSecond >= goals.uploadsPerSecondAt32)}; ${formatRatio(at32.ratioToFloor)} the floor${validationAt32 ? `, ${formatRatio(ratio(at32.uploadsPerSecond, validationAt32.uploadsPerSecond))} the validation floor` : ''})`
        : null,
      at4
        ? `p99 ${formatMs(at4.latencyMs.p99)} at c4 (goal < ${goals.p99MsAt4} ms: ${mark(at4.latencyMs.p99 < goals.p99MsAt4)})`
        : null,
      `${bestChecks.toFixed(0)} end-to-end checks/s at best (goal ≥ ${goals.checksPerSecond}: ${mark(bestChecks >= goals.checksPerSecond)})`,
    ].filter((part): part is string => part !== null);
    lines.push(`- ${STORE_LABEL[variant.store]}: ${parts.join('; ')}.`);
  }
  return lines;
}

function backendSection(report: BenchReport): string[] {
  const backend = report.backend;
  if (!backend) return [];
  const uploadRows = [
    ...backend.floor.uploads.map((phase) => uploadRow(phase, 'floor (`node:http`, body to a file)')),
    ...(backend.validationFloor?.uploads ?? []).map((phase) =>
      uploadRow(phase, 'validation floor (the floor + the backend’s image validation)'),
    ),
    ...backend.variants.flatMap((variant) =>
      variant.skipped === null
        ? variant.uploads.map((phase) => uploadRow(phase, STORE_LABEL[variant.store]))
        : [[STORE_LABEL[variant.store], '', '', '', '', '', '', `skipped: ${variant.skipped}`]],
    ),
  ];
  const endToEndRows = backend.variants.flatMap((variant) =>
    variant.skipped === null
      ? variant.endToEnd.map((phase) => phaseRow(phase, `${STORE_LABEL[variant.store]}, c${phase.concurrency}`))
      : [[STORE_LABEL[variant.store], '', '', '', '', '', '', '', `skipped: ${variant.skipped}`]],
  );
  const memory = backend.variants.flatMap((variant) =>
    variant.skipped === null
      ? [
          `${STORE_LABEL[variant.store]}: peak RSS ${formatBytes(variant.peakMemory.rssBytes)}, heap used ${formatBytes(variant.peakMemory.heapUsedBytes)} (idle after start: RSS ${formatBytes(variant.idle.peakRssBytes)})`,
        ]
      : [],
  );
  return [
    '## Backend',
    '',
    '### Accepted uploads',
    '',
    `\`POST /checks\` → 202: one prepared ${formatBytes(backend.upload.bodyBytes)} multipart body (a ${formatBytes(backend.upload.zipBytes)} shotset, one ${backend.upload.frame.width}×${backend.upload.frame.height} JPEG of ${formatBytes(backend.upload.jpegBytes)}) and a fresh capture token per request, over keep-alive \`node:http\`.`,
    'The backend is the compiled JavaScript (tsc output, as the `liveness-backend` bin runs it). The providers run in the bench process; accepted checks go on to them during the phase (their CPU is counted), and each phase waits for its checks to finish before the next starts.',
    'The floor server gets the same requests from the same client. The validation floor also parses the multipart body and puts the media through the backend’s own validation (its worker pool, libvips decoding) before writing it: no server that proves the upload is an image can beat it. CPU = the server process(es) during the phase, per upload.',
    '',
    table(
      ['server', 'concurrency', 'uploads', 'uploads/s', '÷ floor', 'latency p50 / p99', 'CPU per upload', 'peak RSS'],
      uploadRows,
    ),
    '',
    '### End-to-end checks',
    '',
    `One check = \`POST /sessions\` + \`POST /checks\` → verdict stored, both providers (policy \`all\`) on loopback emulators with no artificial delay (with two instances the session is created on one and uploaded to the other). Overhead = end-to-end minus the slower provider. ${backend.warmupChecks} warm-up checks first.`,
    '',
    table(
      [
        '',
        'checks',
        'checks/s',
        'end-to-end p50 / p99',
        'backend overhead p50 / p99',
        'upload p50',
        'providers p50',
        'CPU per check',
        'peak RSS / heap',
      ],
      endToEndRows,
    ),
    '',
    '### Goals (issue 9, on 2 cores)',
    '',
    ...goalLines(backend),
    '',
    `Peak memory: floor RSS ${formatBytes(backend.floor.peakRssBytes)}; ${memory.join('; ')}.`,
    '',
  ];
}

export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    '# Benchmark results',
    '',
    `Generated ${report.generatedAt} by \`${report.command}\` in ${formatMs(report.durationMs)}.`,
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node};`,
    `${report.chromium ?? 'Chromium not used'}. Load average (1 min) ${machine.loadAverage.start} at start, ${machine.loadAverage.end} at end.`,
    'Medians are quoted; `bench/results/latest.json` has every run and every percentile.',
    '',
  ];
  if (report.warnings.length > 0) {
    lines.push('**Warnings**', '', ...report.warnings.map((warning) => `- ${warning}`), '');
  }
  lines.push(...browserSection(report), ...backendSection(report));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The face landmarker's figures (widget only): loaded after the first guidance, so none of the first-run ones. */
function landmarkSection(widget: TargetReport): string[] {
  const figures = widget.steady.landmarks;
  if (!figures) return [];
  const bytes = widget.deferredBytes;
  return [
    '### Face landmarker (widget, loaded after the first guidance)',
    '',
    table(
      ['', 'widget'],
      [
        ['frames measured per second (at most ~10)', figures.runsPerSecond.toFixed(1)],
        [
          'cost per measured frame p50 / p95 (worker side)',
          figures.costMs ? `${formatMs(figures.costMs.median)} / ${formatMs(figures.costMs.p95)}` : '–',
        ],
        [
          'averaged over every analysed frame: ms / share of a 33.3 ms frame budget',
          `${formatMs(figures.amortisedMsPerFrame)} / ${(figures.shareOfFrameBudget * 100).toFixed(1)} %`,
        ],
        ['share of the worker’s time', `${(figures.shareOfDetectorTime * 100).toFixed(1)} %`],
        [
          'first measured frame (warm-up included, not in the figures above)',
          figures.firstRunMs === null ? '–' : formatMs(figures.firstRunMs),
        ],
        [
          'bytes (raw / gzip on the wire), not in the first-run total (with the 6 kB after-guidance chunk)',
          bytes.requests > 0 ? `${formatBytes(bytes.rawBytes)} / ${formatBytes(bytes.bodyBytes)}` : 'not requested',
        ],
        [
          'first guidance → first landmark result (page clock)',
          figures.firstGuidanceToFirstResultMs === null ? '–' : formatMs(figures.firstGuidanceToFirstResultMs),
        ],
        [
          'load start → first landmark result (worker clock)',
          figures.loadToFirstResultMs === null ? '–' : formatMs(figures.loadToFirstResultMs),
        ],
      ],
    ),
    '',
  ];
}
