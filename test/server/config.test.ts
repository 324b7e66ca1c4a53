import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, isSandboxed, loadConfig } from '../../src/server/config.js';

const BASE_ENV = { LIVENESS_API_KEY: 'integrator-key-0123456789', LIVENESS_TOKEN_SECRET: 's'.repeat(32) };

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'liveness-config-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function configError(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(BASE_ENV);
    expect(config).toMatchObject({
      audience: 'liveness-check',
      tokenTtlSeconds: 300,
      allowedOrigins: [],
      providers: ['oz', 'kairos'],
      policy: 'all',
      exposeResult: false,
      maxUploadBytes: 15 * 1024 * 1024,
      mediaRetentionSeconds: 0,
      sessionRetentionSeconds: 30 * 24 * 3600,
      webhook: null,
      oz: { apiUrl: null, apiVersion: '5.2.0', webhookUrl: null, pollIntervalMs: null },
      kairos: { apiUrl: null, threshold: 0.6 },
      port: 8787,
      host: '127.0.0.1',
      apiKeySource: 'env',
      tokenSecretSource: 'env',
    });
    expect(isSandboxed(config, 'oz')).toBe(true);
    expect(isSandboxed(config, 'kairos')).toBe(true);
  });

  it('reads every setting', () => {
    const config = loadConfig({
      ...BASE_ENV,
      LIVENESS_AUDIENCE: 'my-app',
      LIVENESS_TOKEN_TTL_SECONDS: '120',
      LIVENESS_ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443',
      LIVENESS_PROVIDERS: 'kairos,oz',
      LIVENESS_POLICY: 'fallback',
      LIVENESS_EXPOSE_RESULT: 'true',
      LIVENESS_MAX_UPLOAD_BYTES: '1000000',
      LIVENESS_MEDIA_RETENTION_SECONDS: '3600',
      LIVENESS_SESSION_RETENTION_SECONDS: '86400',
      LIVENESS_WEBHOOK_URL: 'https://integrator.example/hooks/liveness/',
      LIVENESS_WEBHOOK_SECRET: 'w'.repeat(32),
      LIVENESS_WEBHOOK_MAX_ATTEMPTS: '4',
      LIVENESS_UPLOAD_WORKERS: '3',
      OZ_API_URL: 'https://oz.example/',
      OZ_POLL_INTERVAL_MS: '2500',
      OZ_LOGIN: 'svc@example.com',
      OZ_PASSWORD: 'pw',
      OZ_API_VERSION: '6.0.1',
      OZ_WEBHOOK_URL: 'https://backend.example/webhooks/oz',
      KAIROS_API_URL: 'https://idv-eu.kairos.com/v0.2',
      KAIROS_APP_ID: 'id',
      KAIROS_APP_KEY: 'key',
      KAIROS_THRESHOLD: '0.75',
      PORT: '9000',
      HOST: '0.0.0.0',
    });
    expect(config).toMatchObject({
      audience: 'my-app',
      tokenTtlSeconds: 120,
      allowedOrigins: ['https://a.example', 'https://b.example:8443'],
      providers: ['kairos', 'oz'],
      policy: 'fallback',
      exposeResult: true,
      maxUploadBytes: 1_000_000,
      mediaRetentionSeconds: 3600,
      sessionRetentionSeconds: 86_400,
      webhook: { url: 'https://integrator.example/hooks/liveness', secret: 'w'.repeat(32), maxAttempts: 4 },
      uploadWorkers: 3,
      oz: { apiUrl: 'https://oz.example', login: 'svc@example.com', apiVersion: '6.0.1', pollIntervalMs: 2500 },
      kairos: { apiUrl: 'https://idv-eu.kairos.com/v0.2', appId: 'id', threshold: 0.75 },
      port: 9000,
      host: '0.0.0.0',
    });
    expect(isSandboxed(config, 'oz')).toBe(false);
  });

  it.each([
    [{ LIVENESS_POLICY: 'majority' }, 'LIVENESS_POLICY'],
    [{ LIVENESS_PROVIDERS: 'oz,acme' }, 'LIVENESS_PROVIDERS'],
    [{ LIVENESS_PROVIDERS: 'oz,oz' }, 'LIVENESS_PROVIDERS'],
    [{ LIVENESS_TOKEN_TTL_SECONDS: 'soon' }, 'LIVENESS_TOKEN_TTL_SECONDS'],
    [{ LIVENESS_TOKEN_SECRET: 'too-short' }, 'LIVENESS_TOKEN_SECRET'],
    [{ LIVENESS_API_KEY: 'short' }, 'LIVENESS_API_KEY'],
    [{ LIVENESS_ALLOWED_ORIGINS: 'https://a.example/path' }, 'LIVENESS_ALLOWED_ORIGINS'],
    [{ LIVENESS_EXPOSE_RESULT: 'maybe' }, 'LIVENESS_EXPOSE_RESULT'],
    [{ KAIROS_THRESHOLD: '1.5' }, 'KAIROS_THRESHOLD'],
    [{ KAIROS_API_URL: 'https://idv-eu.kairos.com', KAIROS_APP_ID: 'a', KAIROS_APP_KEY: 'b' }, 'KAIROS_API_URL'],
    [{ OZ_API_URL: 'ftp://oz.example' }, 'OZ_API_URL'],
    [{ LIVENESS_ALLOWED_ORIGINS: 'https://*.example' }, 'LIVENESS_ALLOWED_ORIGINS'],
    [{ LIVENESS_SESSION_RETENTION_SECONDS: '0' }, 'LIVENESS_SESSION_RETENTION_SECONDS'],
    [
      { LIVENESS_WEBHOOK_URL: 'integrator.example/hook', LIVENESS_WEBHOOK_SECRET: 'w'.repeat(32) },
      'LIVENESS_WEBHOOK_URL',
    ],
    [
      { LIVENESS_WEBHOOK_URL: 'https://integrator.example/hook', LIVENESS_WEBHOOK_SECRET: 'w'.repeat(31) },
      'LIVENESS_WEBHOOK_SECRET',
    ],
    [{ LIVENESS_WEBHOOK_MAX_ATTEMPTS: '0' }, 'LIVENESS_WEBHOOK_MAX_ATTEMPTS'],
    [{ LIVENESS_UPLOAD_WORKERS: '-1' }, 'LIVENESS_UPLOAD_WORKERS'],
    [{ OZ_POLL_INTERVAL_MS: '5' }, 'OZ_POLL_INTERVAL_MS'],
  ])('names the variable at fault: %o', (env, variable) => {
    expect(configError({ ...BASE_ENV, ...env })).toContain(variable);
  });

  it('requires the webhook secret with the webhook URL, and never prints it', () => {
    const message = configError({ ...BASE_ENV, LIVENESS_WEBHOOK_URL: 'https://integrator.example/hook' });
    expect(message).toMatch(/LIVENESS_WEBHOOK_SECRET must be set/);
    const short = configError({
      ...BASE_ENV,
      LIVENESS_WEBHOOK_URL: 'https://integrator.example/hook',
      LIVENESS_WEBHOOK_SECRET: 'secret-value-that-is-too-short',
    });
    expect(short).toContain('LIVENESS_WEBHOOK_SECRET');
    expect(short).not.toContain('secret-value-that-is-too-short');
  });

  it('runs upload validation on at least one worker thread by default, and on the main thread with 0', () => {
    expect(loadConfig(BASE_ENV).uploadWorkers).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ ...BASE_ENV, LIVENESS_UPLOAD_WORKERS: '0' }).uploadWorkers).toBe(0);
  });

  it('refuses a provider URL without its credentials', () => {
    expect(configError({ ...BASE_ENV, OZ_API_URL: 'https://oz.example' })).toMatch(/OZ_LOGIN, OZ_PASSWORD/);
    expect(configError({ ...BASE_ENV, KAIROS_API_URL: 'https://k.example/v0.2', KAIROS_APP_ID: 'id' })).toMatch(
      /KAIROS_APP_KEY/,
    );
  });

  it('ignores the settings of providers that are not enabled', () => {
    expect(
      loadConfig({ ...BASE_ENV, LIVENESS_PROVIDERS: 'kairos', OZ_API_URL: 'https://oz.example' }).providers,
    ).toEqual(['kairos']);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ ...BASE_ENV, LIVENESS_POLICY: '', OZ_API_URL: '  ' })).toMatchObject({
      policy: 'all',
      oz: { apiUrl: null },
    });
  });

  it('generates the API key outside production and refuses to in production', () => {
    const config = loadConfig({ LIVENESS_TOKEN_SECRET: 's'.repeat(32) });
    expect(config.apiKeySource).toBe('generated');
    expect(config.apiKey.length).toBeGreaterThanOrEqual(32);
    expect(configError({ LIVENESS_TOKEN_SECRET: 's'.repeat(32), NODE_ENV: 'production' })).toContain(
      'LIVENESS_API_KEY',
    );
  });

  it('generates the token secret once and keeps it in the data dir', async () => {
    const env = { LIVENESS_API_KEY: BASE_ENV.LIVENESS_API_KEY, LIVENESS_DATA_DIR: dataDir };
    const first = loadConfig(env);
    const second = loadConfig(env);
    expect(first.tokenSecretSource).toBe('data-dir');
    expect(Buffer.byteLength(first.tokenSecret)).toBeGreaterThanOrEqual(32);
    expect(second.tokenSecret).toBe(first.tokenSecret);
    expect((await readFile(join(dataDir, 'token-secret'), 'utf8')).trim()).toBe(first.tokenSecret);
    expect((await stat(join(dataDir, 'token-secret'))).mode & 0o777).toBe(0o600);
  });

  describe('production never silently runs the sandbox', () => {
    const PRODUCTION = { ...BASE_ENV, NODE_ENV: 'production' };

    it('stops the start when a configured provider has no API URL, naming the variables', () => {
      const message = configError(PRODUCTION);
      expect(message).toContain('OZ_API_URL, OZ_LOGIN, OZ_PASSWORD, KAIROS_API_URL, KAIROS_APP_ID, KAIROS_APP_KEY');
      expect(message).toContain('LIVENESS_SANDBOX=true');
      expect(configError({ ...PRODUCTION, LIVENESS_PROVIDERS: 'kairos', KAIROS_APP_ID: 'id' })).toContain(
        'KAIROS_API_URL, KAIROS_APP_KEY must be set when NODE_ENV=production',
      );
    });

    it('stops the start when a provider has its URL but no credentials', () => {
      const message = configError({
        ...PRODUCTION,
        LIVENESS_PROVIDERS: 'oz',
        OZ_API_URL: 'https://oz.example',
        OZ_LOGIN: 'me',
      });
      expect(message).toContain('OZ_PASSWORD');
      expect(message).not.toContain('OZ_LOGIN');
    });

    it('loads a production configuration with real providers, or with LIVENESS_SANDBOX=true', () => {
      const real = loadConfig({
        ...PRODUCTION,
        OZ_API_URL: 'https://oz.example',
        OZ_LOGIN: 'me',
        OZ_PASSWORD: 'secret',
        KAIROS_API_URL: 'https://idv-eu.kairos.com/v0.2',
        KAIROS_APP_ID: 'id',
        KAIROS_APP_KEY: 'key',
      });
      expect(real).toMatchObject({ production: true, sandboxOptIn: false });
      expect(isSandboxed(real, 'oz') || isSandboxed(real, 'kairos')).toBe(false);

      const sandboxed = loadConfig({ ...PRODUCTION, LIVENESS_SANDBOX: 'true' });
      expect(sandboxed).toMatchObject({ production: true, sandboxOptIn: true });
      expect(isSandboxed(sandboxed, 'oz') && isSandboxed(sandboxed, 'kairos')).toBe(true);
    });

    it('keeps the sandbox default outside production', () => {
      const config = loadConfig({ ...BASE_ENV, NODE_ENV: 'development' });
      expect(config).toMatchObject({ production: false, sandboxOptIn: false });
      expect(isSandboxed(config, 'oz')).toBe(true);
      expect(configError({ ...BASE_ENV, LIVENESS_SANDBOX: 'maybe' })).toContain('LIVENESS_SANDBOX');
    });
  });
});

describe('the shared store settings', () => {
  it('keeps the file store unless LIVENESS_DATABASE_URL is set, with a 30 s lease and a pool of 10', () => {
    expect(loadConfig(BASE_ENV)).toMatchObject({ database: null, workLeaseSeconds: 30, clientAddressHeader: null });
    const url = 'postgres://liveness:secret@db.internal:5432/liveness';
    expect(loadConfig({ ...BASE_ENV, LIVENESS_DATABASE_URL: url })).toMatchObject({ database: { url, poolSize: 10 } });
    expect(
      loadConfig({
        ...BASE_ENV,
        LIVENESS_DATABASE_URL: url,
        LIVENESS_DATABASE_POOL_SIZE: '3',
        LIVENESS_WORK_LEASE_SECONDS: '5',
        LIVENESS_CLIENT_ADDRESS_HEADER: 'X-Forwarded-For',
      }),
    ).toMatchObject({ database: { url, poolSize: 3 }, workLeaseSeconds: 5, clientAddressHeader: 'x-forwarded-for' });
  });

  it('refuses a URL that is not postgres://, and bad pool sizes and leases, naming the variable', () => {
    expect(configError({ ...BASE_ENV, LIVENESS_DATABASE_URL: 'mysql://db/x' })).toContain('LIVENESS_DATABASE_URL');
    expect(
      configError({ ...BASE_ENV, LIVENESS_DATABASE_URL: 'postgres://db/x', LIVENESS_DATABASE_POOL_SIZE: '0' }),
    ).toContain('LIVENESS_DATABASE_POOL_SIZE');
    expect(configError({ ...BASE_ENV, LIVENESS_WORK_LEASE_SECONDS: '0' })).toContain('LIVENESS_WORK_LEASE_SECONDS');
    expect(configError({ ...BASE_ENV, LIVENESS_CLIENT_ADDRESS_HEADER: 'x forwarded' })).toContain(
      'LIVENESS_CLIENT_ADDRESS_HEADER',
    );
  });

  it('requires the API key and token secret every instance must share', () => {
    const message = configError({ LIVENESS_DATA_DIR: dataDir, LIVENESS_DATABASE_URL: 'postgres://db/x' });
    expect(message).toContain(
      'LIVENESS_API_KEY and LIVENESS_TOKEN_SECRET must be set when LIVENESS_DATABASE_URL is set',
    );
  });
});
