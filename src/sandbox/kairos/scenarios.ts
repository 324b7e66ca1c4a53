/**
 * The named edge cases (shared providers doc §2.5) the Kairos emulator plays, chosen per request with the
 * `x-sandbox-scenario` header or for every request with the `defaultScenario` option.
 */

import { KAIROS_SANDBOX_SCENARIOS, SANDBOX_SCENARIO_HEADER, type KairosSandboxScenario } from '../../shared/sandbox.js';

export const KAIROS_SCENARIOS = KAIROS_SANDBOX_SCENARIOS;

export type KairosScenario = KairosSandboxScenario;

export const KAIROS_SCENARIO_HEADER = SANDBOX_SCENARIO_HEADER;

export function isKairosScenario(value: string): value is KairosScenario {
  return (KAIROS_SCENARIOS as readonly string[]).includes(value);
}
