/**
 * Sandbox scenarios: named edge cases a test or the demo asks for with the `x-sandbox-scenario` header (or the
 * emulator's `defaultScenario`). Several may be combined with commas, e.g. `spoof,slow:4`.
 */
import { OZ_SANDBOX_SCENARIOS } from '../../../shared/sandbox.js';
import { invalidValue } from './errors.js';

export type ScenarioVerdict = 'live' | 'spoof' | 'failed';

export interface Scenario {
  /** What a QUALITY analysis concludes (for BIOMETRY, `spoof` means "no match"). */
  verdict: ScenarioVerdict;
  /** Overrides how many reads report PROCESSING before the final status. */
  processingPolls?: number;
  /** Pre-5.0 `results_data` with confidence_replay / confidence_liveness / confidence_spoofing. */
  legacyScores: boolean;
  /** The access token used by this request expires right after it is answered. */
  expireToken: boolean;
  /** This request fails once with 500; the identical request sent again succeeds. */
  serverErrorOnce: boolean;
  /** Every request carrying the scenario answers 503. */
  unavailable: boolean;
}

export const SCENARIO_NAMES = OZ_SANDBOX_SCENARIOS;

export const DEFAULT_SCENARIO: Scenario = {
  verdict: 'live',
  legacyScores: false,
  expireToken: false,
  serverErrorOnce: false,
  unavailable: false,
};

/** Parses a scenario list; an unknown name is a 400 (error_code 4) so a typo never silently plays "live". */
export function parseScenario(value: string | undefined | null): Scenario {
  const scenario: Scenario = { ...DEFAULT_SCENARIO };
  for (const name of (value ?? '').split(',').map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    applyScenario(scenario, name);
  }
  return scenario;
}

function applyScenario(scenario: Scenario, name: string): void {
  const slow = /^slow:(\d{1,3})$/.exec(name);
  if (slow?.[1]) {
    scenario.processingPolls = Number(slow[1]);
    return;
  }
  switch (name) {
    case 'live':
    case 'spoof':
    case 'failed':
      scenario.verdict = name;
      return;
    case 'legacy-scores':
      scenario.legacyScores = true;
      return;
    case 'expire-token':
      scenario.expireToken = true;
      return;
    case 'server-error-once':
      scenario.serverErrorOnce = true;
      return;
    case 'unavailable':
      scenario.unavailable = true;
      return;
    default:
      throw invalidValue(`Unknown sandbox scenario "${name}"`, { known: SCENARIO_NAMES });
  }
}
