/**
 * The sandbox emulators' public vocabulary: the request header that picks an edge case, and the names each
 * emulator knows. The backend (which forwards a session's scenario), the emulators (which play it) and the
 * OpenAPI document all read these, so a scenario is named in one place.
 */

/** Sent by the backend's adapters to a sandbox emulator; real provider APIs ignore it. */
export const SANDBOX_SCENARIO_HEADER = 'x-sandbox-scenario';

/**
 * What a session may ask for per provider: one name or (Oz) several combined with commas, e.g. `spoof,slow:2000`.
 * The emulator checks the names themselves and refuses an unknown one.
 */
export const SANDBOX_SCENARIO_PATTERN = '^[a-z0-9][a-z0-9:,-]{0,63}$';

/** The Oz emulator's scenarios (docs/sandbox-oz.md); `slow:<ms>` takes the analysis time in milliseconds. Combinable with commas. */
export const OZ_SANDBOX_SCENARIOS = [
  'live',
  'spoof',
  'failed',
  'slow:<ms>',
  'legacy-scores',
  'expire-token',
  'server-error-once',
  'unavailable',
  'variant-shapes',
  'lost-answer-once',
  'refuse-resolution-endpoint',
] as const;

/** The Kairos emulator's scenarios (docs/sandbox-kairos.md); one per request. */
export const KAIROS_SANDBOX_SCENARIOS = [
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
export type KairosSandboxScenario = (typeof KAIROS_SANDBOX_SCENARIOS)[number];
