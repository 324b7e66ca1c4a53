/**
 * Turns the per-frame guidance code into something a person can follow: a hint that does not flicker, and
 * screen-reader announcements that are neither repeated nor too frequent. Time comes in as numbers.
 */
import { nonNegativeOption } from './options.js';
import type { GuidanceCode } from './types.js';

export const DEFAULT_MIN_HOLD_MS = 350;
export const DEFAULT_ANNOUNCE_INTERVAL_MS = 2_000;

/**
 * Shows a new hint only after it has been the frame's code continuously for `minHoldMs` ('ok' included), so a
 * single odd frame never replaces the hint. The very first code is shown at once: there is nothing to keep.
 */
export class GuidanceStabilizer {
  private readonly minHoldMs: number;
  private shown: GuidanceCode | null = null;
  private candidate: GuidanceCode | null = null;
  private candidateSince = 0;

  constructor(options: { minHoldMs?: number } = {}) {
    this.minHoldMs = nonNegativeOption(options.minHoldMs ?? DEFAULT_MIN_HOLD_MS, 'minHoldMs');
  }

  update(code: GuidanceCode, timestampMs: number): { shown: GuidanceCode; changed: boolean } {
    if (this.shown === null) return this.show(code);
    if (code === this.shown) {
      this.candidate = null;
      return { shown: this.shown, changed: false };
    }
    // A clock that went backwards restarts the wait rather than switching early.
    if (code !== this.candidate || timestampMs < this.candidateSince) {
      this.candidate = code;
      this.candidateSince = timestampMs;
    }
    if (timestampMs - this.candidateSince >= this.minHoldMs) return this.show(code);
    return { shown: this.shown, changed: false };
  }

  reset(): void {
    this.shown = null;
    this.candidate = null;
  }

  private show(code: GuidanceCode): { shown: GuidanceCode; changed: boolean } {
    this.shown = code;
    this.candidate = null;
    return { shown: code, changed: true };
  }
}

/**
 * Decides when to announce the shown hint to screen readers: only when it differs from the last announcement, and
 * no sooner than `minIntervalMs` after it. A hint that changes during the quiet interval is announced by the first
 * call after the interval, if it is still shown then.
 */
export class AnnouncementThrottle {
  private readonly minIntervalMs: number;
  private lastAnnounced: GuidanceCode | null = null;
  private lastAnnouncedAt = 0;

  constructor(options: { minIntervalMs?: number } = {}) {
    this.minIntervalMs = nonNegativeOption(options.minIntervalMs ?? DEFAULT_ANNOUNCE_INTERVAL_MS, 'minIntervalMs');
  }

  next(shown: GuidanceCode, timestampMs: number): GuidanceCode | null {
    if (shown === this.lastAnnounced) return null;
    const quiet = this.lastAnnounced !== null && timestampMs - this.lastAnnouncedAt < this.minIntervalMs;
    // A clock that went backwards (a new time origin) must not silence announcements for good.
    if (quiet && timestampMs >= this.lastAnnouncedAt) return null;
    this.lastAnnounced = shown;
    this.lastAnnouncedAt = timestampMs;
    return shown;
  }

  reset(): void {
    this.lastAnnounced = null;
  }
}
