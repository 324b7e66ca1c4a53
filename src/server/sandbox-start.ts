/**
 * Starts the loopback emulators (liveness-check/sandbox) for the configured providers that have no API URL, as
 * issue-free development needs and production allows only with LIVENESS_SANDBOX=true. Shared by
 * startLivenessBackend() and the `liveness-backend` bin so neither can start a silent sandbox.
 */
import { startKairosEmulator } from '../sandbox/kairos-emulator.js';
import { startOzEmulator } from '../sandbox/oz-emulator.js';
import { ConfigError, isSandboxed, type BackendConfig } from './config.js';
import type { Logger } from './log.js';
import type { SandboxEndpoints } from './providers/registry.js';
import type { ProviderName } from './providers/types.js';

/** Emulator timings: quick, but Oz analyses still take a while so the adapters' polling really runs. */
const EMULATOR_OPTIONS = {
  oz: { analysisMs: 300, autoFinishMs: 100 },
  kairos: { slowResponseMs: 1500 },
} as const;

export interface RunningSandbox {
  endpoints: SandboxEndpoints;
  /** Emulator URLs by provider (Kairos without its version path). */
  urls: { oz?: string; kairos?: string };
  close(): Promise<void>;
}

/** The configured providers that run on an emulator. */
export function sandboxedProviders(config: BackendConfig): ProviderName[] {
  return config.providers.filter((provider) => isSandboxed(config, provider));
}

/**
 * @throws ConfigError in production without LIVENESS_SANDBOX=true when a provider would be sandboxed (loadConfig
 *   refuses that already; this guards a BackendConfig built by hand).
 */
export async function startSandbox(config: BackendConfig, logger: Logger): Promise<RunningSandbox> {
  const providers = sandboxedProviders(config);
  if (providers.length > 0 && config.production && !config.sandboxOptIn) {
    throw new ConfigError(
      `Invalid configuration: ${providers.join(', ')} would run on the sandbox emulator in production; set the provider's API URL and credentials, or LIVENESS_SANDBOX=true`,
    );
  }
  const closers: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    for (const step of closers.splice(0).reverse()) await step();
  };
  const endpoints: SandboxEndpoints = {};
  const urls: RunningSandbox['urls'] = {};
  try {
    if (providers.includes('oz')) {
      const emulator = await startOzEmulator({ apiVersion: config.oz.apiVersion, ...EMULATOR_OPTIONS.oz });
      closers.push(() => emulator.close());
      endpoints.oz = { url: emulator.url, credentials: emulator.credentials };
      urls.oz = emulator.url;
    }
    if (providers.includes('kairos')) {
      const emulator = await startKairosEmulator(EMULATOR_OPTIONS.kairos);
      closers.push(() => emulator.close());
      endpoints.kairos = { url: emulator.url, credentials: emulator.credentials };
      urls.kairos = emulator.url;
    }
  } catch (error) {
    await close();
    throw error;
  }
  if (providers.length > 0 && config.production) {
    logger.warn('sandbox-in-production', {
      providers: providers.join(', '),
      note: 'every result carries sandbox: true',
    });
  }
  return { endpoints, urls, close };
}
