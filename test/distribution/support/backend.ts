/** The real backend with both providers on their sandbox emulators, allowing one page origin. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLivenessBackend, type RunningLivenessBackend } from '../../../src/server/index.js';

export interface SandboxBackend {
  running: RunningLivenessBackend;
  origin: string;
  close(): Promise<void>;
}

export async function startSandboxBackend(
  pageOrigin: string,
  /** `env`: extra settings, e.g. `LIVENESS_PROVIDERS: 'kairos'`; `clock`: the backend's clock, for expiry. */
  options: { env?: Record<string, string>; clock?: () => number } = {},
): Promise<SandboxBackend> {
  const dataDir = await mkdtemp(join(tmpdir(), 'liveness-dist-test-'));
  const running = await startLivenessBackend({
    env: {
      LIVENESS_API_KEY: 'dist-test-integrator-key',
      LIVENESS_ALLOWED_ORIGINS: pageOrigin,
      LIVENESS_DATA_DIR: dataDir,
      OZ_API_URL: '',
      KAIROS_API_URL: '',
      ...options.env,
    },
    ...(options.clock ? { clock: options.clock } : {}),
    port: 0,
    host: '127.0.0.1',
    log: false,
  });
  return {
    running,
    origin: new URL(running.url).origin,
    close: async () => {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
