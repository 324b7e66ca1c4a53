/**
 * Decides when to capture and which frame to keep: capture once the gates have passed continuously for
 * `holdMs`, choosing the best passing frame of the last `windowMs`. A failing frame starts the hold over, so a
 * frame that failed a gate can never be captured.
 */
import type { GateVerdict } from './gates.js';
import { nonNegativeOption } from './options.js';

export interface CaptureCandidate {
  frameId: number;
  timestamp: number;
  verdict: GateVerdict;
}

export interface AutoCaptureState {
  /** searching: the last frame failed; holding: passing, not yet for holdMs; ready: passing for holdMs. */
  phase: 'searching' | 'holding' | 'ready';
  /** Share of `holdMs` passed continuously, 0..1. */
  progress: number;
  /**
   * The highest-scoring capturable frame (see `GateVerdict.capturable`) within the last `windowMs`; null while
   * searching, and while holding when no frame of the window may be sent (a blink, or no landmarks yet).
   */
  best: CaptureCandidate | null;
}

export const DEFAULT_HOLD_MS = 1_000;
export const DEFAULT_WINDOW_MS = 600;

/** Sharpness at which the sharpness term reaches half its weight (a clearly sharp 96×96 face crop). */
const SHARPNESS_HALF_SCORE = 100;
const SHARPNESS_WEIGHT = 0.7;
const CENTRING_WEIGHT = 0.3;

/**
 * How good a passing frame is as the capture, 0..1, higher is better:
 * 0.7 · sharpness ÷ (sharpness + 100) + 0.3 · max(0, 1 − centerOffset).
 * Sharpness dominates because blur is what providers reject most; centring breaks near-ties. A metric that
 * was not measured contributes 0.
 */
export function candidateScore(verdict: GateVerdict): number {
  const sharpness = verdict.metrics.sharpness;
  const offset = verdict.metrics.centerOffset;
  const sharpnessTerm = sharpness !== undefined && sharpness > 0 ? sharpness / (sharpness + SHARPNESS_HALF_SCORE) : 0;
  const centringTerm = offset !== undefined ? Math.max(0, 1 - offset) : 0;
  return SHARPNESS_WEIGHT * sharpnessTerm + CENTRING_WEIGHT * centringTerm;
}

interface ScoredCandidate {
  candidate: CaptureCandidate;
  score: number;
}

export class AutoCapture {
  private readonly holdMs: number;
  private readonly windowMs: number;
  private holdStartedAt: number | null = null;
  private lastTimestamp: number | null = null;
  private candidates: ScoredCandidate[] = [];

  constructor(options: { holdMs?: number; windowMs?: number } = {}) {
    this.holdMs = nonNegativeOption(options.holdMs ?? DEFAULT_HOLD_MS, 'holdMs');
    this.windowMs = nonNegativeOption(options.windowMs ?? DEFAULT_WINDOW_MS, 'windowMs');
  }

  push(frameId: number, verdict: GateVerdict, timestampMs: number): AutoCaptureState {
    // A clock that went backwards belongs to a new stream: nothing from before can be compared with it.
    if (this.lastTimestamp !== null && timestampMs < this.lastTimestamp) this.reset();
    this.lastTimestamp = timestampMs;

    if (!verdict.pass) {
      this.holdStartedAt = null;
      this.candidates = [];
      return { phase: 'searching', progress: 0, best: null };
    }

    this.holdStartedAt ??= timestampMs;
    const windowStart = timestampMs - this.windowMs;
    this.candidates = this.candidates.filter(({ candidate }) => candidate.timestamp >= windowStart);
    // A passing frame keeps the hold going, but only one that may be sent can become the capture.
    if (verdict.capturable ?? true) {
      this.candidates.push({ candidate: { frameId, timestamp: timestampMs, verdict }, score: candidateScore(verdict) });
    }

    let best = this.candidates[0];
    for (const scored of this.candidates) {
      // On a tie the newer frame wins: it is closer to what the person looks like now.
      if (best === undefined || scored.score >= best.score) best = scored;
    }
    const heldMs = timestampMs - this.holdStartedAt;
    return {
      phase: heldMs >= this.holdMs ? 'ready' : 'holding',
      progress: this.holdMs === 0 ? 1 : Math.min(1, heldMs / this.holdMs),
      best: best?.candidate ?? null,
    };
  }

  reset(): void {
    this.holdStartedAt = null;
    this.lastTimestamp = null;
    this.candidates = [];
  }
}
