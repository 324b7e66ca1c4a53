/**
 * Builds the configured provider adapters, in LIVENESS_PROVIDERS order. A provider without an API URL talks to
 * its loopback emulator (started by node.ts) and is marked sandbox, with shorter poll and retry intervals so the
 * demo and tests stay quick while the adapters still take every real code path.
 */
import type { BackendConfig } from '../config.js';
import type { LogFields, Logger } from '../log.js';
import { createKairosAdapter } from './kairos/index.js';
import { createOzAdapter } from './oz/index.js';
import type { ProviderAdapter, ProviderName } from './types.js';

export interface SandboxEndpoints {
  oz?: { url: string; credentials: { login: string; password: string } };
  /** Base URL without the version path. */
  kairos?: { url: string; credentials: { appId: string; appKey: string } };
}

/** The Kairos API version the emulator is addressed with when sandboxed. */
export const SANDBOX_KAIROS_VERSION_PATH = '/v0.2';

const SANDBOX_TUNING = {
  oz: {
    pollIntervalMs: 150,
    maxPollIntervalMs: 600,
    deadlineMs: 60_000,
    requestTimeoutMs: 10_000,
    retryBaseDelayMs: 50,
  },
  kairos: { timeoutMs: 10_000, backoffMs: 50 },
} as const;

export class ProviderSetupError extends Error {
  override readonly name = 'ProviderSetupError';
}

export function createProviderAdapters(
  config: BackendConfig,
  options: { sandbox: SandboxEndpoints; logger: Logger; fetch?: typeof fetch },
): ProviderAdapter[] {
  return config.providers.map((name) => createAdapter(name, config, options));
}

function createAdapter(
  name: ProviderName,
  config: BackendConfig,
  options: { sandbox: SandboxEndpoints; logger: Logger; fetch?: typeof fetch },
): ProviderAdapter {
  const logger = adapterLogger(options.logger);
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  if (name === 'oz') {
    const { oz } = config;
    const webhook = oz.webhookUrl ? { webhookUrl: oz.webhookUrl } : {};
    // OZ_POLL_INTERVAL_MS overrides the first read delay for real and sandboxed Oz alike (later reads back off x1.5).
    const polling = oz.pollIntervalMs === null ? {} : { pollIntervalMs: oz.pollIntervalMs };
    if (oz.apiUrl !== null) {
      return createOzAdapter({
        apiUrl: oz.apiUrl,
        login: requireSetting(oz.login, 'OZ_LOGIN'),
        password: requireSetting(oz.password, 'OZ_PASSWORD'),
        apiVersion: oz.apiVersion,
        sandbox: false,
        logger,
        ...polling,
        ...webhook,
        ...fetchOption,
      });
    }
    const emulator = requireEndpoint(options.sandbox.oz, 'oz');
    return createOzAdapter({
      apiUrl: emulator.url,
      login: emulator.credentials.login,
      password: emulator.credentials.password,
      apiVersion: oz.apiVersion,
      sandbox: true,
      logger,
      ...SANDBOX_TUNING.oz,
      ...polling,
      ...webhook,
      ...fetchOption,
    });
  }
  const { kairos } = config;
  if (kairos.apiUrl !== null) {
    return createKairosAdapter({
      apiUrl: kairos.apiUrl,
      appId: requireSetting(kairos.appId, 'KAIROS_APP_ID'),
      appKey: requireSetting(kairos.appKey, 'KAIROS_APP_KEY'),
      threshold: kairos.threshold,
      sandbox: false,
      logger,
      ...fetchOption,
    });
  }
  const emulator = requireEndpoint(options.sandbox.kairos, 'kairos');
  return createKairosAdapter({
    apiUrl: `${emulator.url}${SANDBOX_KAIROS_VERSION_PATH}`,
    appId: emulator.credentials.appId,
    appKey: emulator.credentials.appKey,
    threshold: kairos.threshold,
    sandbox: true,
    logger,
    ...SANDBOX_TUNING.kairos,
    ...fetchOption,
  });
}

/** The adapters log `(event, fields)`; only scalar fields are passed on, so no object can carry a payload into logs. */
function adapterLogger(logger: Logger): (event: string, fields: Record<string, unknown>) => void {
  return (event, fields) => {
    const scalars: LogFields = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
        scalars[key] = value as LogFields[string];
    }
    logger.info(event, scalars);
  };
}

function requireSetting(value: string | null, name: string): string {
  if (value === null) throw new ProviderSetupError(`${name} is required`);
  return value;
}

function requireEndpoint<T>(endpoint: T | undefined, provider: ProviderName): T {
  if (endpoint === undefined) throw new ProviderSetupError(`${provider} is sandboxed but its emulator was not started`);
  return endpoint;
}
