import { describe, expect, it } from 'vitest';
import { AutoCapture, candidateScore } from '../../src/quality/auto-capture.js';
import type { GateVerdict } from '../../src/quality/gates.js';

function verdict(pass: boolean, metrics: Record<string, number> = {}): GateVerdict {
  return {
    pass,
    failing: pass ? [] : ['moving'],
    primary: pass ? 'ok' : 'moving',
    metrics: { sharpness: 100, centerOffset: 0.1, ...metrics },
    face: null,
    settling: false,
  };
}
const passing = (metrics: Record<string, number> = {}) => verdict(true, metrics);
const failing = (metrics: Record<string, number> = {}) => verdict(false, metrics);

describe('candidateScore', () => {
  it('prefers sharper and then more centred frames', () => {
    expect(candidateScore(passing({ sharpness: 300 }))).toBeGreaterThan(candidateScore(passing({ sharpness: 100 })));
    expect(candidateScore(passing({ centerOffset: 0 }))).toBeGreaterThan(
      candidateScore(passing({ centerOffset: 0.2 })),
    );
    expect(candidateScore(passing({ sharpness: 100, centerOffset: 0 }))).toBeCloseTo(0.7 * 0.5 + 0.3, 10);
  });

  it('scores unmeasured metrics as 0', () => {
    expect(candidateScore({ ...passing(), metrics: {} })).toBe(0);
    expect(candidateScore({ ...passing(), metrics: { centerOffset: 2 } })).toBe(0);
  });
});

describe('AutoCapture', () => {
  it('searches while frames fail', () => {
    const auto = new AutoCapture();
    expect(auto.push(1, failing(), 0)).toEqual({ phase: 'searching', progress: 0, best: null });
  });

  it('holds while passing and is ready after holdMs of continuous passing frames', () => {
    const auto = new AutoCapture({ holdMs: 1_000, windowMs: 600 });
    expect(auto.push(1, passing(), 100)).toMatchObject({ phase: 'holding', progress: 0 });
    expect(auto.push(2, passing(), 600)).toMatchObject({ phase: 'holding', progress: 0.5 });
    expect(auto.push(3, passing(), 1_099)).toMatchObject({ phase: 'holding' });
    expect(auto.push(4, passing(), 1_100)).toMatchObject({ phase: 'ready', progress: 1 });
    expect(auto.push(5, passing(), 1_500)).toMatchObject({ phase: 'ready', progress: 1 });
  });

  it('starts the hold over after any failing frame', () => {
    const auto = new AutoCapture({ holdMs: 1_000 });
    auto.push(1, passing(), 0);
    auto.push(2, passing(), 900);
    expect(auto.push(3, failing(), 950)).toEqual({ phase: 'searching', progress: 0, best: null });
    expect(auto.push(4, passing(), 1_000)).toMatchObject({ phase: 'holding', progress: 0, best: { frameId: 4 } });
    expect(auto.push(5, passing(), 1_999)).toMatchObject({ phase: 'holding' });
    expect(auto.push(6, passing(), 2_000)).toMatchObject({ phase: 'ready' });
  });

  it('picks the highest-scoring passing frame of the last windowMs', () => {
    const auto = new AutoCapture({ holdMs: 1_000, windowMs: 600 });
    auto.push(1, passing({ sharpness: 500 }), 0);
    expect(auto.push(2, passing({ sharpness: 80 }), 300).best?.frameId).toBe(1);
    expect(auto.push(3, passing({ sharpness: 200 }), 600).best?.frameId).toBe(1);
    // Frame 1 has left the window: the best of frames 2..4 wins.
    const state = auto.push(4, passing({ sharpness: 120 }), 601);
    expect(state.best).toMatchObject({ frameId: 3, timestamp: 600 });
    expect(state.best?.verdict.metrics.sharpness).toBe(200);
  });

  it('never offers a failing frame, however sharp', () => {
    const auto = new AutoCapture({ holdMs: 0, windowMs: 1_000 });
    auto.push(1, passing({ sharpness: 50 }), 0);
    expect(auto.push(2, failing({ sharpness: 10_000, centerOffset: 0 }), 100).best).toBeNull();
    const state = auto.push(3, passing({ sharpness: 40 }), 200);
    expect(state).toMatchObject({ phase: 'ready', progress: 1, best: { frameId: 3 } });
    expect(state.best?.verdict.pass).toBe(true);
  });

  it('prefers the newer frame on a tie', () => {
    const auto = new AutoCapture();
    auto.push(1, passing(), 0);
    expect(auto.push(2, passing(), 100).best?.frameId).toBe(2);
  });

  it('forgets everything on reset or when the clock goes backwards', () => {
    const auto = new AutoCapture({ holdMs: 500 });
    auto.push(1, passing({ sharpness: 900 }), 0);
    auto.push(2, passing(), 400);
    expect(auto.push(3, passing(), 100)).toMatchObject({ phase: 'holding', progress: 0, best: { frameId: 3 } });
    auto.reset();
    expect(auto.push(4, passing(), 200)).toMatchObject({ phase: 'holding', progress: 0, best: { frameId: 4 } });
  });

  it('rejects negative durations', () => {
    expect(() => new AutoCapture({ holdMs: -5 })).toThrow(/holdMs/);
    expect(() => new AutoCapture({ windowMs: Number.NaN })).toThrow(/windowMs/);
  });
});
