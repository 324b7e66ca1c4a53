/**
 * Gathers the injection signals of one capture attempt (see src/shared/signals.ts): what the camera track says
 * about itself, how regular its frames' capture timestamps are, and the device and visibility changes while it
 * ran. Pure bookkeeping: the element's SignalsController feeds it, so the arithmetic is testable without a camera.
 */
import { CAMERA_CONTROLS, type CameraControl, type CaptureSignals } from '../shared/signals.js';

/** The newest intervals kept: about ten seconds at 30 fps, enough for a stable deviation. */
const MAX_INTERVALS = 300;
/** A gap longer than this is a stall (a dropped frame, a busy main thread), not the source's rhythm. */
const MAX_INTERVAL_MS = 250;

/** The parts of a MediaStreamTrack the collector reads (a structural type, so tests can pass plain objects). */
export interface TrackDescription {
  label: string;
  getSettings(): MediaTrackSettings;
  getCapabilities?(): MediaTrackCapabilities;
}

export class SignalCollector {
  private camera: CaptureSignals['camera'] = null;
  private intervals: number[] = [];
  private lastFrame: { timestampMs: number; presented: number } | null = null;
  private deviceChanges = 0;
  private hiddenCount = 0;

  /** A new attempt: everything measured before is forgotten. */
  reset(): void {
    this.camera = null;
    this.intervals = [];
    this.lastFrame = null;
    this.deviceChanges = 0;
    this.hiddenCount = 0;
  }

  cameraOpened(track: TrackDescription): void {
    this.camera = describeTrack(track);
    this.intervals = [];
    this.lastFrame = null;
  }

  /**
   * One delivered frame. `timestampMs` is its capture time (requestVideoFrameCallback's captureTime, else its
   * media time); `presented` its presentedFrames count, so an interval spanning a dropped frame is not counted.
   */
  frame(timestampMs: number, presented: number): void {
    const last = this.lastFrame;
    this.lastFrame = { timestampMs, presented };
    if (!last || presented !== last.presented + 1) return;
    const interval = timestampMs - last.timestampMs;
    if (!(interval > 0 && interval <= MAX_INTERVAL_MS)) return;
    this.intervals.push(interval);
    if (this.intervals.length > MAX_INTERVALS) this.intervals.shift();
  }

  deviceChanged(): void {
    this.deviceChanges += 1;
  }

  pageHidden(): void {
    this.hiddenCount += 1;
  }

  snapshot(): CaptureSignals {
    return {
      camera: this.camera && { ...this.camera, controls: [...this.camera.controls] },
      frameTiming: frameTiming(this.intervals),
      deviceChanges: this.deviceChanges,
      hiddenCount: this.hiddenCount,
    };
  }
}

/** Mean and standard deviation of the intervals (rounded to 0.01 ms), or null below two intervals. */
export function frameTiming(intervals: readonly number[]): CaptureSignals['frameTiming'] {
  if (intervals.length < 2) return null;
  const mean = intervals.reduce((sum, value) => sum + value, 0) / intervals.length;
  const variance = intervals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (intervals.length - 1);
  return { samples: intervals.length, meanIntervalMs: round(mean), jitterMs: round(Math.sqrt(variance)) };
}

export function describeTrack(track: TrackDescription): NonNullable<CaptureSignals['camera']> {
  const settings = track.getSettings();
  let capabilities: MediaTrackCapabilities = {};
  try {
    capabilities = track.getCapabilities?.() ?? {};
  } catch {
    // Some browsers throw before the track is live; no capabilities is then the honest answer.
  }
  const present = capabilities as Record<string, unknown>;
  const controls = CAMERA_CONTROLS.filter((control: CameraControl) => present[control] !== undefined);
  return {
    label: track.label.slice(0, 256),
    hasDeviceId: Boolean(settings.deviceId),
    width: finite(settings.width),
    height: finite(settings.height),
    frameRate: finite(settings.frameRate),
    maxFrameRate: finite(capabilities.frameRate?.max),
    maxWidth: finite(capabilities.width?.max),
    maxHeight: finite(capabilities.height?.max),
    controls,
  };
}

function finite(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
