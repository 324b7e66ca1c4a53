/**
 * Threshold comparison with hysteresis, so a value hovering at a threshold does not make the verdict flicker:
 * a check that passed on the previous frame keeps passing until its value is beyond the threshold by the margin,
 * and a check that failed needs to get the margin inside before it passes again.
 */
import type { ReasonCode } from './types.js';

/** How a value must relate to its limit to pass: `atLeast` ≥, `atMost` ≤, `below` <. */
export type LimitKind = 'atLeast' | 'atMost' | 'below';

/** A check's outcome on the previous frame; `unknown` when it was not evaluated there (or there was none). */
export type CheckState = 'passing' | 'failing' | 'unknown';

/** What hysteresis needs from the previous verdict. */
export interface PreviousOutcome {
  failing: readonly ReasonCode[];
  metrics: Readonly<Record<string, number>>;
}

/**
 * A reason that failed is `failing` (even if another of its measurements caused it, so a reason recovers only
 * once all its measurements are clearly inside); a reason whose metric was measured and did not fail is `passing`.
 */
export function previousCheckState(
  previous: PreviousOutcome | null | undefined,
  reason: ReasonCode,
  metric: string,
): CheckState {
  if (!previous) return 'unknown';
  if (previous.failing.includes(reason)) return 'failing';
  return previous.metrics[metric] === undefined ? 'unknown' : 'passing';
}

/** Whether `value` passes `limit`, with the limit moved by `margin` against a change of state. */
export function passesLimit(value: number, limit: number, kind: LimitKind, state: CheckState, margin: number): boolean {
  // Moving the limit towards the failing side makes a passing check harder to fail, and vice versa.
  const leniency = state === 'passing' ? margin : state === 'failing' ? -margin : 0;
  switch (kind) {
    case 'atLeast':
      return value >= limit - leniency;
    case 'atMost':
      return value <= limit + leniency;
    case 'below':
      return value < limit + leniency;
  }
}
