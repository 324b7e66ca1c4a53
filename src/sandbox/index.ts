/**
 * `liveness-check/sandbox`: loopback emulators of the Oz Forensics API and Kairos IDV liveness-verification, for
 * tests, demos and local development. They share no code with the backend's provider adapters, so they test them
 * rather than agree with them. The backend starts them itself only outside production, or in production with
 * LIVENESS_SANDBOX=true.
 * @module
 */
export {
  OZ_SANDBOX_CREDENTIALS,
  createOzEmulatorApp,
  startOzEmulator,
  OzEmulatorState,
  type OzEmulatorApp,
  type OzEmulatorOptions,
  type RunningOzEmulator,
} from './oz-emulator.js';
export { SCENARIO_NAMES as OZ_SCENARIOS } from './oz/scenarios.js';
export {
  KAIROS_SCENARIOS,
  KAIROS_SCENARIO_HEADER,
  createKairosEmulatorApp,
  startKairosEmulator,
  type KairosEmulatorApp,
  type KairosEmulatorCall,
  type KairosEmulatorOptions,
  type KairosEmulatorState,
  type KairosScenario,
  type RunningKairosEmulator,
} from './kairos-emulator.js';
export {
  SANDBOX_OZ_SPOOF_CUTOFF,
  SANDBOX_SPOOF_CONFIDENCE_SPOOFING,
  SANDBOX_SPOOF_FACES_LIVENESS,
  sandboxConfidenceSpoofing,
  sandboxFacesLiveness,
} from './scoring.js';
