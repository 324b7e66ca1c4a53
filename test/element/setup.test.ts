import { describe, expect, it } from 'vitest';
import { checkSetup } from '../../src/element/setup.js';
import { LivenessError } from '../../src/errors.js';
import { DEFAULT_THRESHOLDS } from '../../src/quality/thresholds.js';

const valid = { mode: 'image', endpoint: '', token: '', thresholds: {} };

function errorOf(result: ReturnType<typeof checkSetup>): LivenessError {
  expect(result).toBeInstanceOf(LivenessError);
  return result as LivenessError;
}

describe('checkSetup()', () => {
  it('gives the default thresholds for a capture-only setup', () => {
    expect(checkSetup(valid)).toEqual(DEFAULT_THRESHOLDS);
  });

  it('refuses an unknown mode, for good', () => {
    const error = errorOf(checkSetup({ ...valid, mode: 'selfie' }));
    expect([error.code, error.recoverable]).toEqual(['capture-failed', false]);
    expect(error.message).toContain('"selfie"');
  });

  it('refuses an endpoint without a capture token', () => {
    const error = errorOf(checkSetup({ ...valid, endpoint: 'https://backend.example' }));
    expect([error.code, error.recoverable]).toEqual(['token-missing', false]);
    expect(checkSetup({ ...valid, endpoint: 'https://backend.example', token: 't' })).not.toBeInstanceOf(LivenessError);
  });

  it('refuses thresholds out of range with the resolver’s message', () => {
    const error = errorOf(checkSetup({ ...valid, thresholds: { minDetectionScore: 2 } }));
    expect([error.code, error.recoverable]).toEqual(['capture-failed', false]);
    expect(error.message).toMatch(/minDetectionScore/);
  });
});
