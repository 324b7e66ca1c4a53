/**
 * Sandbox scenarios: named edge cases a test or the demo asks for with the `x-sandbox-scenario` header (or the
 * emulator's `defaultScenario`). Several may be combined with commas, e.g. `spoof,slow:2000`.
 */
import { OZ_SANDBOX_SCENARIOS } from '../../shared/sandbox.js';
import { invalidValue } from './errors.js';

export type ScenarioVerdict = 'live' | 'spoof' | 'failed';

export interface Scenario {
  /** What a QUALITY analysis concludes (for BIOMETRY, `spoof` means "no match"). */
  verdict: ScenarioVerdict;
  /** Overrides how long (ms) the analysis runs before its final status. */
  analysisMs?: number;
  /** Pre-5.0 `results_data` with confidence_replay / confidence_liveness / confidence_spoofing. */
  legacyScores: boolean;
  /** The access token used by this request expires right after it is answered. */
  expireToken: boolean;
  /** This request fails once with 500; the identical request sent again succeeds. */
  serverErrorOnce: boolean;
  /** Every request carrying the scenario answers 503. */
  unavailable: boolean;
  /**
   * Answers in the shapes the docs leave open, other than the usual ones: unknown extra fields, the other spelling
   * of the analysis id, an object (not an array) from start-analyses, a create-folder answer without `media[]`,
   * `expire_date` as a date string, an undocumented non-final status (`QUEUED`) while the analysis runs, and
   * result entries without a source key.
   */
  variantShapes: boolean;
  /** The upload is processed (the folder exists), but its answer is lost once: 504, as a proxy timing out would. */
  lostAnswerOnce: boolean;
  /** The analyses request is refused as an invalid structure (error_code 3) when it carries resolution_endpoint. */
  refuseResolutionEndpoint: boolean;
}

export const SCENARIO_NAMES = OZ_SANDBOX_SCENARIOS;

export const DEFAULT_SCENARIO: Scenario = {
  verdict: 'live',
  legacyScores: false,
  expireToken: false,
  serverErrorOnce: false,
  unavailable: false,
  variantShapes: false,
  lostAnswerOnce: false,
  refuseResolutionEndpoint: false,
};

/** Parses a scenario list; an unknown name is a 400 (error_code 4) so a typo never silently plays "live". */
export function parseScenario(value: string | undefined | null): Scenario {
  const scenario: Scenario = { ...DEFAULT_SCENARIO };
  for (const name of (value ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)) {
    applyScenario(scenario, name);
  }
  return scenario;
}

function applyScenario(scenario: Scenario, name: string): void {
  const slow = /^slow:(\d{1,9})$/.exec(name);
  if (slow?.[1]) {
    scenario.analysisMs = Number(slow[1]);
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
    case 'variant-shapes':
      scenario.variantShapes = true;
      return;
    case 'lost-answer-once':
      scenario.lostAnswerOnce = true;
      return;
    case 'refuse-resolution-endpoint':
      scenario.refuseResolutionEndpoint = true;
      return;
    default:
      throw invalidValue(`Unknown sandbox scenario "${name}"`, { known: SCENARIO_NAMES });
  }
}
