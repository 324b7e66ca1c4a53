/**
 * The named edge cases (shared providers doc §2.5) the Kairos emulator plays, chosen per request with the
 * `x-sandbox-scenario` header or for every request with the `defaultScenario` option.
 */

export const KAIROS_SCENARIOS = [
  'live',
  'spoof',
  'boundary',
  'no-face',
  'no-face-4xx',
  'multi-face',
  'multi-face-4xx',
  'server-error-once',
  'server-error',
  'slow',
  'quota',
  'auth-401',
  'auth-403',
  'malformed-body',
  'not-json',
  'variant-shapes',
] as const;

export type KairosScenario = (typeof KAIROS_SCENARIOS)[number];

export const KAIROS_SCENARIO_HEADER = 'x-sandbox-scenario';

export function isKairosScenario(value: string): value is KairosScenario {
  return (KAIROS_SCENARIOS as readonly string[]).includes(value);
}
