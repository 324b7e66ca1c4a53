/**
 * Integrator mistakes, found before the camera is requested so that the person is never asked in vain: an
 * unknown mode, an endpoint without a capture token, or thresholds out of range.
 */
import { LivenessError } from '../errors.js';
import { resolveThresholds, type QualityThresholds } from '../quality/thresholds.js';
import { CAPTURE_MODES } from '../shared/media.js';

export interface Setup {
  mode: string;
  endpoint: string;
  token: string;
  thresholds: Partial<QualityThresholds>;
}

/** The thresholds to guide with, or the error to report (none of these errors is helped by retrying). */
export function checkSetup(setup: Setup): QualityThresholds | LivenessError {
  if (!(CAPTURE_MODES as readonly string[]).includes(setup.mode)) {
    return new LivenessError('capture-failed', `Unknown mode "${setup.mode}": use ${CAPTURE_MODES.join(', ')}.`, false);
  }
  if (setup.endpoint && !setup.token) {
    return new LivenessError('token-missing', 'The element has an endpoint but no capture token.', false);
  }
  try {
    return resolveThresholds(setup.thresholds);
  } catch (error) {
    return new LivenessError('capture-failed', (error as Error).message, false);
  }
}
