import { describe, expect, it } from 'vitest';
import { handoffModeOf, offersHandoff, preflight } from '../../src/element/handoff-policy.js';
import { supportResult } from '../../src/support/check-support.js';
import type { SupportReason } from '../../src/shared/support.js';

const result = (...reasons: SupportReason[]) =>
  supportResult(new Set(reasons), reasons.includes('in-app-browser') ? 'instagram' : null);

describe('preflight', () => {
  it('shows the start screen when the browser is supported', () => {
    expect(preflight(result(), 'auto', true)).toEqual({ kind: 'start-screen' });
    expect(preflight(result('no-offscreen-canvas'), 'auto', true)).toEqual({ kind: 'start-screen' });
  });

  it('sends an in-app browser to the real browser, recoverably, even when the phone could be offered', () => {
    const first = preflight(result('in-app-browser'), 'always', true);
    expect(first.kind).toBe('fail');
    if (first.kind !== 'fail') return;
    expect(first.error.code).toBe('in-app-browser');
    expect(first.error.recoverable).toBe(true);
  });

  it('shows the QR code first with handoff="always", when the element can hand off', () => {
    expect(preflight(result(), 'always', true)).toEqual({ kind: 'handoff' });
    expect(preflight(result(), 'always', false)).toEqual({ kind: 'start-screen' });
  });

  it.each([
    [['no-camera'], 'camera-not-found'],
    [['camera-blocked-by-policy'], 'camera-blocked-by-policy'],
    [['insecure-context', 'no-media-devices'], 'unsupported-browser'],
  ] as const)('reports %j as %s', (reasons, code) => {
    const first = preflight(result(...reasons), 'auto', true);
    expect(first.kind === 'fail' && first.error.code).toBe(code);
  });

  it('goes on without WASM SIMD: manual capture still works', () => {
    expect(preflight(result('no-wasm-simd'), 'auto', true)).toEqual({ kind: 'start-screen' });
  });
});

describe('offersHandoff', () => {
  it('offers the phone in auto mode for failures this device will not get past', () => {
    expect(offersHandoff('auto', 'camera-not-found', true)).toBe(true);
    expect(offersHandoff('auto', 'camera-blocked-by-policy', true)).toBe(true);
    expect(offersHandoff('auto', 'unsupported-browser', true)).toBe(true);
    expect(offersHandoff('always', 'camera-not-found', true)).toBe(true);
  });

  it('does not for a failure that trying again can fix, with handoff="off", or without a backend', () => {
    expect(offersHandoff('auto', 'camera-denied', true)).toBe(false);
    expect(offersHandoff('auto', 'network', true)).toBe(false);
    expect(offersHandoff('off', 'camera-not-found', true)).toBe(false);
    expect(offersHandoff('auto', 'camera-not-found', false)).toBe(false);
  });

  it('reads an unknown attribute value as auto', () => {
    expect(handoffModeOf('sometimes')).toBe('auto');
    expect(handoffModeOf('off')).toBe('off');
  });
});
