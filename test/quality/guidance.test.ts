import { describe, expect, it } from 'vitest';
import { AnnouncementThrottle, GuidanceStabilizer } from '../../src/quality/guidance.js';
import type { GuidanceCode } from '../../src/quality/types.js';

/** Feeds [code, timestamp] pairs and returns what was shown after each. */
function run(stabilizer: GuidanceStabilizer, steps: [GuidanceCode, number][]): string[] {
  return steps.map(([code, t]) => {
    const { shown, changed } = stabilizer.update(code, t);
    return changed ? `${shown}*` : shown;
  });
}

describe('GuidanceStabilizer', () => {
  it('shows the first code at once', () => {
    expect(run(new GuidanceStabilizer(), [['no-face', 5]])).toEqual(['no-face*']);
  });

  it('switches only once the new code has persisted for minHoldMs, ok included', () => {
    const stabilizer = new GuidanceStabilizer({ minHoldMs: 350 });
    expect(
      run(stabilizer, [
        ['too-far', 0],
        ['ok', 100],
        ['ok', 449],
        ['ok', 450],
        ['ok', 500],
      ]),
    ).toEqual(['too-far*', 'too-far', 'too-far', 'ok*', 'ok']);
  });

  it('restarts the wait when the candidate is interrupted', () => {
    const stabilizer = new GuidanceStabilizer({ minHoldMs: 300 });
    expect(
      run(stabilizer, [
        ['no-face', 0],
        ['too-far', 100],
        ['off-center', 300],
        ['too-far', 350],
        ['too-far', 600],
        ['too-far', 650],
      ]),
    ).toEqual(['no-face*', 'no-face', 'no-face', 'no-face', 'no-face', 'too-far*']);
  });

  it('forgets a candidate when the shown code comes back', () => {
    const stabilizer = new GuidanceStabilizer({ minHoldMs: 300 });
    expect(
      run(stabilizer, [
        ['moving', 0],
        ['ok', 100],
        ['moving', 200],
        ['ok', 350],
        ['ok', 500],
        ['ok', 650],
      ]),
    ).toEqual(['moving*', 'moving', 'moving', 'moving', 'moving', 'ok*']);
  });

  it('switches immediately with minHoldMs 0, and shows at once again after reset', () => {
    const immediate = new GuidanceStabilizer({ minHoldMs: 0 });
    expect(
      run(immediate, [
        ['too-dark', 0],
        ['ok', 0],
      ]),
    ).toEqual(['too-dark*', 'ok*']);
    const stabilizer = new GuidanceStabilizer();
    run(stabilizer, [['too-dark', 0]]);
    stabilizer.reset();
    expect(run(stabilizer, [['ok', 10]])).toEqual(['ok*']);
  });

  it('rejects a negative hold', () => {
    expect(() => new GuidanceStabilizer({ minHoldMs: -1 })).toThrow(/minHoldMs/);
  });
});

describe('AnnouncementThrottle', () => {
  it('announces the first hint, then never repeats the same one', () => {
    const throttle = new AnnouncementThrottle({ minIntervalMs: 2_000 });
    expect(throttle.next('no-face', 0)).toBe('no-face');
    expect(throttle.next('no-face', 5_000)).toBeNull();
  });

  it('holds a new hint until the interval has passed, then announces it on a later call', () => {
    const throttle = new AnnouncementThrottle({ minIntervalMs: 2_000 });
    throttle.next('no-face', 0);
    expect(throttle.next('too-far', 500)).toBeNull();
    expect(throttle.next('off-center', 1_999)).toBeNull();
    expect(throttle.next('off-center', 2_000)).toBe('off-center');
    expect(throttle.next('ok', 2_100)).toBeNull();
    expect(throttle.next('ok', 4_000)).toBe('ok');
  });

  it('drops a pending hint when the shown hint returns to the last announced one', () => {
    const throttle = new AnnouncementThrottle({ minIntervalMs: 1_000 });
    throttle.next('moving', 0);
    expect(throttle.next('ok', 200)).toBeNull();
    expect(throttle.next('moving', 1_200)).toBeNull();
  });

  it('announces again after reset', () => {
    const throttle = new AnnouncementThrottle();
    throttle.next('ok', 0);
    throttle.reset();
    expect(throttle.next('ok', 10)).toBe('ok');
  });

  it('is not silenced by a clock that went backwards', () => {
    const throttle = new AnnouncementThrottle({ minIntervalMs: 2_000 });
    throttle.next('ok', 50_000);
    expect(throttle.next('too-dark', 100)).toBe('too-dark');
  });
});
