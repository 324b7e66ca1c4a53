import { describe, expect, it } from 'vitest';
import { LIVENESS_PHASES, transition, type LivenessPhase, type PhaseEvent } from '../../src/element/phase.js';

/**
 * The expected table, written out by hand: for each event, the phases it may leave from and where it goes.
 * Every other (phase, event) pair must be refused.
 */
const EXPECTED: Record<PhaseEvent, { from: readonly LivenessPhase[]; to: LivenessPhase }> = {
  start: { from: LIVENESS_PHASES, to: 'starting' },
  preview: { from: ['starting'], to: 'guiding' },
  capture: { from: ['guiding'], to: 'capturing' },
  captured: { from: ['capturing'], to: 'done' },
  upload: { from: ['capturing', 'error'], to: 'uploading' },
  wait: { from: ['uploading', 'error'], to: 'processing' },
  complete: { from: ['processing', 'handoff'], to: 'done' },
  handoff: { from: LIVENESS_PHASES, to: 'handoff' },
  fail: { from: LIVENESS_PHASES, to: 'error' },
  stop: { from: LIVENESS_PHASES, to: 'intro' },
  detach: {
    from: ['intro', 'starting', 'guiding', 'capturing', 'uploading', 'processing', 'handoff'],
    to: 'intro',
  },
};

const EVENTS = Object.keys(EXPECTED) as PhaseEvent[];

describe('transition(phase, event)', () => {
  for (const event of EVENTS) {
    const { from, to } = EXPECTED[event];
    describe(`'${event}'`, () => {
      for (const phase of LIVENESS_PHASES) {
        if (from.includes(phase)) {
          it(`moves ${phase} to ${to}`, () => expect(transition(phase, event)).toBe(to));
        } else {
          it(`is refused in ${phase}`, () => expect(transition(phase, event)).toBeNull());
        }
      }
    });
  }

  it('walks the happy path of a check sent to a backend', () => {
    const path: PhaseEvent[] = ['start', 'preview', 'capture', 'upload', 'wait', 'complete'];
    const phases = path.reduce<LivenessPhase[]>(
      (seen, event) => [...seen, transition(seen.at(-1)!, event)!],
      ['intro'],
    );
    expect(phases).toEqual(['intro', 'starting', 'guiding', 'capturing', 'uploading', 'processing', 'done']);
  });

  it('finishes a check handed off to a phone once the phone is done', () => {
    const phases = (['fail', 'handoff', 'complete'] as const).reduce<LivenessPhase[]>(
      (seen, event) => [...seen, transition(seen.at(-1)!, event)!],
      ['intro'],
    );
    expect(phases).toEqual(['intro', 'error', 'handoff', 'done']);
  });

  it('keeps an outcome on screen when the element leaves the page', () => {
    expect(transition('done', 'detach')).toBeNull();
    expect(transition('error', 'detach')).toBeNull();
  });

  it('refuses a late capture once guidance has ended', () => {
    for (const phase of ['intro', 'capturing', 'uploading', 'error'] as const)
      expect(transition(phase, 'capture')).toBeNull();
  });
});
