/**
 * What the bench pages report back to the Node driver. Times are `performance.now()` milliseconds of the page
 * (0 = navigation start), so they line up with Long Tasks entries.
 */

export type PageScenario = 'load' | 'steady' | 'capture';

export interface LongTaskSample {
  startTime: number;
  duration: number;
}

export interface FrameSample {
  /** When the frame went to the detector (worker postMessage, or the start of human.detect). */
  sentAt: number;
  /** Main-thread round trip: sent → result back on the main thread. */
  roundTripMs: number;
  /** The detector's own time for this frame (worker-side for the widget), when it reports one. */
  inferenceMs: number | null;
  faces: number | null;
  /** When the result came back (page clock). */
  receivedAt: number;
  /** The face landmarker's share of `inferenceMs` (0 on frames it skipped); null from a worker that has none. */
  landmarkMs: number | null;
  /** Whether the landmarker measured this frame. */
  landmarkMeasured: boolean;
  /** Worker clock: the landmarker's load start → its first measurement, once there was one. */
  landmarkFirstResultMs: number | null;
}

export interface PageMarks {
  scriptStart: number;
  moduleLoaded?: number;
  /** The element was appended (widget) / the bench started the camera (baseline). */
  connected?: number;
  cameraPlaying?: number;
  detectorReady?: number;
  /** First `liveness-guidance` (widget) / first detection result (baseline). */
  firstGuidance?: number;
  /** Baseline only: first result that contains a face. */
  firstFace?: number;
  captured?: number;
}

export interface CaptureSample {
  /** What the element was asked for (mode attribute, and video-format in video mode). */
  requested: { mode: string; videoFormat: string | null };
  /** The mode the capture report declares. */
  mode: string;
  mediaType: string;
  mediaBytes: number;
  selfieBytes: number;
  fileName: string;
  frameCount: number;
  frame: { width: number; height: number };
}

export interface PageResult {
  ok: boolean;
  error?: string;
  marks: PageMarks;
  /** Detector runtime from `liveness-ready` (widget) or the tfjs backend in use (baseline). */
  runtime?: string;
  readyDetailLoadMs?: number;
  guidanceCodes: string[];
  frames: FrameSample[];
  longTasks: LongTaskSample[];
  /** Steady scenario: the window the frame and long-task figures cover. */
  window?: { start: number; end: number };
  /**
   * Steady scenario, widget: the face landmarker's window, from its first measurement on (it loads after the first
   * guidance, so on a slow machine it may start after `window` ended). Absent when it never measured.
   */
  landmarkWindow?: { start: number; end: number };
  capture?: CaptureSample;
}

declare global {
  interface Window {
    /** Resolves once the page has finished its scenario. */
    __benchResult?: Promise<PageResult>;
  }
}
