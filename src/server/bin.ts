#!/usr/bin/env node
/**
 * `liveness-backend`: the standalone backend from the published package (compiled to dist/esm/server/bin.js).
 * Configuration comes from the environment exactly as for startLivenessBackend(); see the README, "Running in
 * production".
 */
import { runLivenessBackendCli } from './node.js';

await runLivenessBackendCli();
