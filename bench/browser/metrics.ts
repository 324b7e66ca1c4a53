/** Figures computed from what a bench page reported. Pure. */
import type { LongTaskSample, PageMarks, PageResult } from '../pages/protocol.js';
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
  longTasks: LongTaskTotals;
  guidanceCodes: string[];
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
  return {
    windowMs: round(windowMs),
    frames: frames.length,
    framesPerSecond: round((frames.length / windowMs) * 1000),
    roundTripMs: summarize(frames.map((frame) => frame.roundTripMs)),
    inferenceMs: inference.length > 0 ? summarize(inference) : null,
    longTasks: longTaskTotals(result.longTasks, window.start, window.end),
    guidanceCodes: [...new Set(result.guidanceCodes)],
  };
}
