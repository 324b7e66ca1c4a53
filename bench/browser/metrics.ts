/** Figures computed from what a bench page reported. Pure. */
import type { FrameSample, LongTaskSample, PageMarks, PageResult } from '../pages/protocol.js';
import { round, summarize, type Summary } from '../lib/stats.js';

/** Milliseconds between the moments a person waits through. */
export interface LoadPhases {
  /** Navigation start → element connected: HTML, the bundle's download and evaluation. */
  navigationToConnected: number;
  connectedToCameraPlaying: number;
  cameraPlayingToDetectorReady: number;
  detectorReadyToFirstGuidance: number;
  /** The headline: element connected → first guidance on screen (first detection for the baseline). */
  connectedToFirstGuidance: number;
  navigationToFirstGuidance: number;
}

export const LOAD_PHASE_NAMES: readonly (keyof LoadPhases)[] = [
  'navigationToConnected',
  'connectedToCameraPlaying',
  'cameraPlayingToDetectorReady',
  'detectorReadyToFirstGuidance',
  'connectedToFirstGuidance',
  'navigationToFirstGuidance',
];

function mark(marks: PageMarks, name: keyof PageMarks): number {
  const value = marks[name];
  if (value === undefined) throw new Error(`the page never reached "${name}"`);
  return value;
}

export function loadPhases(marks: PageMarks): LoadPhases {
  const connected = mark(marks, 'connected');
  const camera = mark(marks, 'cameraPlaying');
  const ready = mark(marks, 'detectorReady');
  const guidance = mark(marks, 'firstGuidance');
  return {
    navigationToConnected: round(connected),
    connectedToCameraPlaying: round(camera - connected),
    cameraPlayingToDetectorReady: round(ready - camera),
    detectorReadyToFirstGuidance: round(guidance - ready),
    connectedToFirstGuidance: round(guidance - connected),
    navigationToFirstGuidance: round(guidance),
  };
}

export function summarizePhases(runs: readonly LoadPhases[]): Record<keyof LoadPhases, Summary> {
  return Object.fromEntries(LOAD_PHASE_NAMES.map((name) => [name, summarize(runs.map((run) => run[name]))])) as Record<
    keyof LoadPhases,
    Summary
  >;
}

export interface LongTaskTotals {
  count: number;
  /** Sum of the long tasks' durations. */
  totalMs: number;
  /** Sum of the parts over 50 ms (Total Blocking Time's definition). */
  blockingMs: number;
  longestMs: number;
}

/** Long tasks that started inside [from, to). */
export function longTaskTotals(tasks: readonly LongTaskSample[], from: number, to: number): LongTaskTotals {
  const inside = tasks.filter((task) => task.startTime >= from && task.startTime < to);
  return {
    count: inside.length,
    totalMs: round(inside.reduce((sum, task) => sum + task.duration, 0)),
    blockingMs: round(inside.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0)),
    longestMs: round(Math.max(0, ...inside.map((task) => task.duration))),
  };
}

export interface SteadyFigures {
  windowMs: number;
  frames: number;
  /** Frames analysed per second: how often the guidance can change. */
  framesPerSecond: number;
  /** Main thread: frame sent to the detector → result back. */
  roundTripMs: Summary;
  /** The detector's own time per frame (the widget's worker reports it; null for the baseline). */
  inferenceMs: Summary | null;
  /**
   * The face detection and frame statistics alone: `inferenceMs` less the face landmarker's share, which runs on
   * some frames only (widget only; null where the worker reports no landmark time).
   */
  detectionMs: Summary | null;
  longTasks: LongTaskTotals;
  guidanceCodes: string[];
  /** The face landmarker (widget only; null where the detector reports none). */
  landmarks: LandmarkFigures | null;
}

/** A 30 fps camera's frame interval: the time one analysed frame may take before frames are skipped. */
export const FRAME_BUDGET_MS = 1000 / 30;

export interface LandmarkFigures {
  /** Frames of the window the landmarker measured, and how many a second. */
  runs: number;
  runsPerSecond: number;
  /** Its time on a frame it ran on (landmarks and region measures). */
  costMs: Summary | null;
  /** Its time averaged over every analysed frame of the window, and that ÷ `FRAME_BUDGET_MS`. */
  amortisedMsPerFrame: number;
  shareOfFrameBudget: number;
  /** Its share of the worker's time over the window. */
  shareOfDetectorTime: number;
  /** Its time on the first frame it measured (graph warm-up included); not part of `costMs`. */
  firstRunMs: number | null;
  /** Page clock: first guidance → the first result the landmarker measured. */
  firstGuidanceToFirstResultMs: number | null;
  /** Worker clock: start of its load → its first measurement. */
  loadToFirstResultMs: number | null;
}

export function landmarkFigures(frames: readonly FrameSample[], windowMs: number, firstGuidance: number | undefined) {
  if (!frames.some((frame) => frame.landmarkMs !== null)) return null;
  const ran = frames.filter((frame) => (frame.landmarkMs ?? 0) > 0);
  const landmarkTotal = frames.reduce((sum, frame) => sum + (frame.landmarkMs ?? 0), 0);
  const detectorTotal = frames.reduce((sum, frame) => sum + (frame.inferenceMs ?? 0), 0);
  const first = frames.find((frame) => frame.landmarkMeasured);
  const amortised = frames.length > 0 ? landmarkTotal / frames.length : 0;
  return {
    runs: ran.length,
    runsPerSecond: round((ran.length / windowMs) * 1000),
    costMs: ran.length > 0 ? summarize(ran.map((frame) => frame.landmarkMs ?? 0)) : null,
    amortisedMsPerFrame: round(amortised),
    shareOfFrameBudget: round(amortised / FRAME_BUDGET_MS),
    shareOfDetectorTime: detectorTotal > 0 ? round(landmarkTotal / detectorTotal) : 0,
    firstRunMs: first?.landmarkMs != null ? round(first.landmarkMs) : null,
    firstGuidanceToFirstResultMs: first && firstGuidance !== undefined ? round(first.receivedAt - firstGuidance) : null,
    loadToFirstResultMs: frames.find((frame) => frame.landmarkFirstResultMs !== null)?.landmarkFirstResultMs ?? null,
  } satisfies LandmarkFigures;
}

export function steadyFigures(result: PageResult): SteadyFigures {
  const window = result.window;
  if (!window) throw new Error('the steady page reported no window');
  const frames = result.frames.filter((frame) => frame.sentAt >= window.start && frame.sentAt < window.end);
  if (frames.length === 0) {
    throw new Error('no detector frames were seen during the steady window (did the worker protocol change?)');
  }
  const windowMs = window.end - window.start;
  const inference = frames.flatMap((frame) => (frame.inferenceMs === null ? [] : [frame.inferenceMs]));
  const detection = frames.flatMap((frame) =>
    frame.inferenceMs === null || frame.landmarkMs === null ? [] : [frame.inferenceMs - frame.landmarkMs],
  );
  return {
    windowMs: round(windowMs),
    frames: frames.length,
    framesPerSecond: round((frames.length / windowMs) * 1000),
    roundTripMs: summarize(frames.map((frame) => frame.roundTripMs)),
    inferenceMs: inference.length > 0 ? summarize(inference) : null,
    detectionMs: detection.length > 0 ? summarize(detection) : null,
    longTasks: longTaskTotals(result.longTasks, window.start, window.end),
    guidanceCodes: [...new Set(result.guidanceCodes)],
    landmarks: landmarkFiguresOverWindow(result, frames, windowMs),
  };
}

/**
 * Cost figures over the landmarker's own window (from its first measurement; the guidance window when it has none),
 * the first-result times over the whole run.
 */
function landmarkFiguresOverWindow(
  result: PageResult,
  windowFrames: readonly FrameSample[],
  windowMs: number,
): LandmarkFigures | null {
  const own = result.landmarkWindow;
  // The first measurement also warms the graph up: it is reported on its own, not in the steady cost.
  const frames = own
    ? result.frames.filter((frame) => frame.sentAt > own.start && frame.sentAt < own.end)
    : windowFrames;
  const figures = landmarkFigures(frames, own ? own.end - own.start : windowMs, result.marks.firstGuidance);
  const whole = landmarkFigures(result.frames, windowMs, result.marks.firstGuidance);
  if (!figures || !whole) return null;
  return {
    ...figures,
    firstRunMs: whole.firstRunMs,
    firstGuidanceToFirstResultMs: whole.firstGuidanceToFirstResultMs,
    loadToFirstResultMs: whole.loadToFirstResultMs,
  };
}
