/**
 * Backend configuration from environment variables, validated once at startup. Every error names the variable
 * at fault, so a misconfigured deployment fails fast with an actionable message.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PROVIDER_NAMES, type ProviderName } from '../shared/providers.js';
import { formatIssues } from '../shared/zod.js';
import { POLICY_NAMES, type PolicyName } from './policy.js';
import { MIN_TOKEN_SECRET_BYTES, readOrCreateTokenSecret } from './token-secret.js';

export interface OzSettings {
  /** null: run against the sandbox emulator. */
  apiUrl: string | null;
  login: string | null;
  password: string | null;
  apiVersion: string;
  webhookUrl: string | null;
  /** First delay between analysis reads (they grow x1.5); null: the adapter's default. */
  pollIntervalMs: number | null;
}

export interface KairosSettings {
  /** Includes the version path (e.g. https://idv-eu.kairos.com/v0.2). null: run against the sandbox emulator. */
  apiUrl: string | null;
  appId: string | null;
  appKey: string | null;
  threshold: number;
}

/** The integrator's webhook: one signed `check.completed` event per check (see webhooks/). */
export interface WebhookSettings {
  url: string;
  secret: string;
  /** Deliveries of one event before it is given up (the first one included). */
  maxAttempts: number;
}

export interface BackendConfig {
  apiKey: string;
  /** `generated`: LIVENESS_API_KEY was unset outside production, so node.ts prints the random key. */
  apiKeySource: 'env' | 'generated';
  tokenSecret: string;
  tokenSecretSource: 'env' | 'data-dir';
  audience: string;
  issuer: string;
  tokenTtlSeconds: number;
  /** Upper bound for a `ttlSeconds` asked for in POST /sessions. */
  tokenMaxTtlSeconds: number;
  allowedOrigins: string[];
  /** In order: the order `fallback` tries them. */
  providers: ProviderName[];
  policy: PolicyName;
  exposeResult: boolean;
  /** LIVENESS_REJECT_VIRTUAL_CAMERA: a known virtual camera makes the check spoof (reason virtual-camera). */
  rejectVirtualCamera: boolean;
  dataDir: string;
  /** Limit on the whole POST /checks request body. */
  maxUploadBytes: number;
  mediaRetentionSeconds: number;
  /** How long a session with its check and result is kept after its last activity (token expiry or verdict). */
  sessionRetentionSeconds: number;
  /** null: no outbound webhook. */
  webhook: WebhookSettings | null;
  /** null: the embedded file store in dataDir. Set: the PostgreSQL store shared by every instance. */
  database: { url: string; poolSize: number } | null;
  /**
   * Header the load balancer in front sets to the caller's address (e.g. `x-forwarded-for`; its last entry is used,
   * the one the balancer added). null: the socket address.
   */
  clientAddressHeader: string | null;
  /** A check or webhook delivery whose lease went unrenewed this long is taken over by another instance. */
  workLeaseSeconds: number;
  /** Threads that decode and check uploaded images; 0 runs that work on the main thread. */
  uploadWorkers: number;
  /**
   * The QR handoff to a phone: `urlTemplate` is LIVENESS_HANDOFF_URL (null: the backend's own capture page), codes
   * live `ttlSeconds`. Absent in hand-built configs: the defaults apply.
   */
  handoff?: { urlTemplate: string | null; ttlSeconds: number };
  rateLimit: { clientPerMinute: number; sessionPerMinute: number };
  oz: OzSettings;
  kairos: KairosSettings;
  /**
   * LIVENESS_SANDBOX=true: the operator asked for the loopback emulators. Needed in production (NODE_ENV=production),
   * where a provider without its API URL would otherwise stop the start instead of silently calling every capture live.
   */
  sandboxOptIn: boolean;
  production: boolean;
  port: number;
  host: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const DEFAULT_MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
const MIN_API_KEY_LENGTH = 16;
const MIN_WEBHOOK_SECRET_LENGTH = 32;
const DEFAULT_SESSION_RETENTION_SECONDS = 30 * 24 * 3600;
const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 10;

const optionalText = z.string().trim().min(1).optional();
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .default('false')
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const origin = z
  .string()
  .refine(isOrigin, { error: (issue) => `"${String(issue.input)}" is not an origin (scheme://host[:port])` });
const commaList = (item: z.ZodType<string, string>) =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item));

const envSchema = z.object({
  NODE_ENV: optionalText,
  LIVENESS_SANDBOX: booleanFlag,
  LIVENESS_API_KEY: z.string().min(MIN_API_KEY_LENGTH, `must be at least ${MIN_API_KEY_LENGTH} characters`).optional(),
  LIVENESS_TOKEN_SECRET: z
    .string()
    .refine(
      (value) => Buffer.byteLength(value) >= MIN_TOKEN_SECRET_BYTES,
      `must be at least ${MIN_TOKEN_SECRET_BYTES} bytes`,
    )
    .optional(),
  LIVENESS_AUDIENCE: z.string().min(1).default('liveness-check'),
  LIVENESS_ISSUER: z.string().min(1).default('liveness-backend'),
  LIVENESS_TOKEN_TTL_SECONDS: positiveInt(300),
  LIVENESS_TOKEN_MAX_TTL_SECONDS: positiveInt(3600),
  LIVENESS_ALLOWED_ORIGINS: commaList(origin),
  LIVENESS_PROVIDERS: z
    .string()
    .default(PROVIDER_NAMES.join(','))
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(
      z
        .array(z.enum(PROVIDER_NAMES))
        .min(1, 'name at least one provider')
        .refine((names) => new Set(names).size === names.length, 'lists a provider twice'),
    ),
  LIVENESS_POLICY: z.enum(POLICY_NAMES).default('all'),
  LIVENESS_EXPOSE_RESULT: booleanFlag,
  LIVENESS_REJECT_VIRTUAL_CAMERA: booleanFlag,
  LIVENESS_DATA_DIR: z.string().min(1).default('.data'),
  LIVENESS_MAX_UPLOAD_BYTES: positiveInt(DEFAULT_MAX_UPLOAD_BYTES),
  LIVENESS_MEDIA_RETENTION_SECONDS: z.coerce.number().int().min(0).default(0),
  LIVENESS_SESSION_RETENTION_SECONDS: positiveInt(DEFAULT_SESSION_RETENTION_SECONDS),
  LIVENESS_WEBHOOK_URL: httpUrl.optional(),
  LIVENESS_WEBHOOK_SECRET: z
    .string()
    .min(MIN_WEBHOOK_SECRET_LENGTH, `must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters`)
    .optional(),
  LIVENESS_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULT_WEBHOOK_MAX_ATTEMPTS),
  LIVENESS_DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/./.test(value), 'expected a postgres:// URL')
    .optional(),
  LIVENESS_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  LIVENESS_CLIENT_ADDRESS_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a header name such as x-forwarded-for')
    .transform((name) => name.toLowerCase())
    .optional(),
  LIVENESS_WORK_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  LIVENESS_UPLOAD_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  LIVENESS_HANDOFF_URL: httpUrl
    .refine((url) => url.includes('{code}') || url.includes('%7Bcode%7D'), 'must contain {code}')
    .transform((url) => url.replaceAll('%7Bcode%7D', '{code}').replaceAll('%7Bendpoint%7D', '{endpoint}'))
    .optional(),
  // Down to 1 s outside production, so a browser test can let a code expire; production needs 30 s (see below).
  LIVENESS_HANDOFF_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(600),
  LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE: positiveInt(300),
  LIVENESS_RATE_LIMIT_SESSION_PER_MINUTE: positiveInt(120),
  OZ_API_URL: httpUrl.optional(),
  OZ_LOGIN: optionalText,
  OZ_PASSWORD: optionalText,
  OZ_API_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'expected a version like 5.2.0')
    .default('5.2.0'),
  OZ_WEBHOOK_URL: httpUrl.optional(),
  OZ_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).optional(),
  KAIROS_API_URL: httpUrl
    .refine(
      (url) => /\/v0\.\d+$/.test(new URL(url).pathname.replace(/\/+$/, '')),
      'must end with the version path, e.g. /v0.2',
    )
    .optional(),
  KAIROS_APP_ID: optionalText,
  KAIROS_APP_KEY: optionalText,
  KAIROS_THRESHOLD: z.coerce.number().min(0).max(1).default(0.6),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
});

type ParsedEnv = z.infer<typeof envSchema>;

/** Every environment variable the backend reads (NODE_ENV aside), for docs and tests. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape).filter((name) => name !== 'NODE_ENV');

/**
 * Reads the configuration. When LIVENESS_TOKEN_SECRET is unset this reads (or creates) `<dataDir>/token-secret`;
 * when LIVENESS_API_KEY is unset outside production it generates a random key for this run.
 *
 * @throws ConfigError naming the variable at fault.
 */
export function loadConfig(env: Record<string, string | undefined>): BackendConfig {
  const parsed = envSchema.safeParse(withoutBlankValues(env));
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${formatIssues(parsed.error, 'environment')}`);
  }
  const values = parsed.data;
  requireProviderCredentials(values);
  requireSharedSecrets(values);
  const webhook = webhookSettings(values);
  const dataDir = resolve(values.LIVENESS_DATA_DIR);
  const apiKey = values.LIVENESS_API_KEY ?? generatedApiKey(values.NODE_ENV);
  refuseSilentSandbox(values);
  refuseShortHandoffs(values);
  return {
    apiKey,
    apiKeySource: values.LIVENESS_API_KEY ? 'env' : 'generated',
    tokenSecret: values.LIVENESS_TOKEN_SECRET ?? readOrCreateTokenSecret(dataDir),
    tokenSecretSource: values.LIVENESS_TOKEN_SECRET ? 'env' : 'data-dir',
    audience: values.LIVENESS_AUDIENCE,
    issuer: values.LIVENESS_ISSUER,
    tokenTtlSeconds: values.LIVENESS_TOKEN_TTL_SECONDS,
    tokenMaxTtlSeconds: Math.max(values.LIVENESS_TOKEN_MAX_TTL_SECONDS, values.LIVENESS_TOKEN_TTL_SECONDS),
    allowedOrigins: values.LIVENESS_ALLOWED_ORIGINS,
    providers: values.LIVENESS_PROVIDERS,
    policy: values.LIVENESS_POLICY,
    exposeResult: values.LIVENESS_EXPOSE_RESULT,
    rejectVirtualCamera: values.LIVENESS_REJECT_VIRTUAL_CAMERA,
    dataDir,
    maxUploadBytes: values.LIVENESS_MAX_UPLOAD_BYTES,
    mediaRetentionSeconds: values.LIVENESS_MEDIA_RETENTION_SECONDS,
    sessionRetentionSeconds: values.LIVENESS_SESSION_RETENTION_SECONDS,
    webhook,
    database: values.LIVENESS_DATABASE_URL
      ? { url: values.LIVENESS_DATABASE_URL, poolSize: values.LIVENESS_DATABASE_POOL_SIZE }
      : null,
    workLeaseSeconds: values.LIVENESS_WORK_LEASE_SECONDS,
    clientAddressHeader: values.LIVENESS_CLIENT_ADDRESS_HEADER ?? null,
    uploadWorkers: values.LIVENESS_UPLOAD_WORKERS ?? defaultUploadWorkers(),
    handoff: { urlTemplate: values.LIVENESS_HANDOFF_URL ?? null, ttlSeconds: values.LIVENESS_HANDOFF_TTL_SECONDS },
    rateLimit: {
      clientPerMinute: values.LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE,
      sessionPerMinute: values.LIVENESS_RATE_LIMIT_SESSION_PER_MINUTE,
    },
    oz: {
      apiUrl: values.OZ_API_URL ?? null,
      login: values.OZ_LOGIN ?? null,
      password: values.OZ_PASSWORD ?? null,
      apiVersion: values.OZ_API_VERSION,
      webhookUrl: values.OZ_WEBHOOK_URL ?? null,
      pollIntervalMs: values.OZ_POLL_INTERVAL_MS ?? null,
    },
    kairos: {
      apiUrl: values.KAIROS_API_URL ?? null,
      appId: values.KAIROS_APP_ID ?? null,
      appKey: values.KAIROS_APP_KEY ?? null,
      threshold: values.KAIROS_THRESHOLD,
    },
    sandboxOptIn: values.LIVENESS_SANDBOX,
    production: values.NODE_ENV === 'production',
    port: values.PORT,
    host: values.HOST,
  };
}

/** True when a provider runs against its loopback emulator because no API URL is configured. */
export function isSandboxed(config: BackendConfig, provider: ProviderName): boolean {
  return provider === 'oz' ? config.oz.apiUrl === null : config.kairos.apiUrl === null;
}

/** Host names browsers can put in an Origin header: DNS labels (underscores tolerated), IPv4, or a bracketed IPv6 literal. */
const ORIGIN_HOST = /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*|\[[0-9a-f:.]+\])$/;

/**
 * `scheme://host[:port]` exactly, as browsers send it in the Origin header. The URL parser alone would let
 * `https://*.example` through, which no browser sends and which reads like a wildcard this allowlist does not have.
 */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value && ORIGIN_HOST.test(url.hostname)
    );
  } catch {
    return false;
  }
}

// .env files often carry `NAME=` for "unset"; treat that like absence rather than an invalid empty value.
function withoutBlankValues(env: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') result[name] = value;
  }
  return result;
}

function requireProviderCredentials(values: ParsedEnv): void {
  const missing: string[] = [];
  if (values.LIVENESS_PROVIDERS.includes('oz') && values.OZ_API_URL) {
    if (!values.OZ_LOGIN) missing.push('OZ_LOGIN');
    if (!values.OZ_PASSWORD) missing.push('OZ_PASSWORD');
  }
  if (values.LIVENESS_PROVIDERS.includes('kairos') && values.KAIROS_API_URL) {
    if (!values.KAIROS_APP_ID) missing.push('KAIROS_APP_ID');
    if (!values.KAIROS_APP_KEY) missing.push('KAIROS_APP_KEY');
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ${missing.join(', ')} must be set when the provider's API URL is set (unset the URL to use the sandbox)`,
    );
  }
}

/**
 * Instances sharing a database must agree on the API key and on the key that signs capture tokens (a token issued
 * by one is checked by another). Generating either per instance would make the cluster refuse its own tokens.
 */
/** Nobody scans a QR code and starts a capture in under 30 s; a shorter TTL is for tests only. */
export const MIN_PRODUCTION_HANDOFF_TTL_SECONDS = 30;

function refuseShortHandoffs(values: ParsedEnv): void {
  if (values.NODE_ENV !== 'production' || values.LIVENESS_HANDOFF_TTL_SECONDS >= MIN_PRODUCTION_HANDOFF_TTL_SECONDS) {
    return;
  }
  throw new ConfigError(
    `Invalid configuration: LIVENESS_HANDOFF_TTL_SECONDS must be at least ${MIN_PRODUCTION_HANDOFF_TTL_SECONDS} when NODE_ENV=production`,
  );
}

function requireSharedSecrets(values: ParsedEnv): void {
  if (!values.LIVENESS_DATABASE_URL) return;
  const missing = (['LIVENESS_API_KEY', 'LIVENESS_TOKEN_SECRET'] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ${missing.join(' and ')} must be set when LIVENESS_DATABASE_URL is set (every instance needs the same value)`,
    );
  }
}

/**
 * In production a provider without its API URL would run on the loopback emulator, which calls every capture live:
 * a misconfigured deploy would pass everyone. So production needs either the real provider settings or the explicit
 * LIVENESS_SANDBOX=true. Both the `liveness-backend` bin and startLivenessBackend() read their configuration here.
 */
function refuseSilentSandbox(values: ParsedEnv): void {
  if (values.NODE_ENV !== 'production' || values.LIVENESS_SANDBOX) return;
  const missing: string[] = [];
  if (values.LIVENESS_PROVIDERS.includes('oz') && !values.OZ_API_URL)
    missing.push('OZ_API_URL', 'OZ_LOGIN', 'OZ_PASSWORD');
  if (values.LIVENESS_PROVIDERS.includes('kairos') && !values.KAIROS_API_URL) {
    missing.push('KAIROS_API_URL', 'KAIROS_APP_ID', 'KAIROS_APP_KEY');
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ${missing.filter((name) => !values[name as keyof ParsedEnv]).join(', ')} must be set when ` +
        'NODE_ENV=production (or remove the provider from LIVENESS_PROVIDERS). The sandbox emulators, which call every ' +
        'capture live, run in production only with LIVENESS_SANDBOX=true',
    );
  }
}

function webhookSettings(values: ParsedEnv): WebhookSettings | null {
  const url = values.LIVENESS_WEBHOOK_URL;
  if (url === undefined) return null;
  if (values.LIVENESS_WEBHOOK_SECRET === undefined) {
    throw new ConfigError(
      `Invalid configuration: LIVENESS_WEBHOOK_SECRET must be set (at least ${MIN_WEBHOOK_SECRET_LENGTH} characters) when LIVENESS_WEBHOOK_URL is set`,
    );
  }
  return { url, secret: values.LIVENESS_WEBHOOK_SECRET, maxAttempts: values.LIVENESS_WEBHOOK_MAX_ATTEMPTS };
}

/**
 * One worker per core. The workers are not busy all the time: the decoding itself runs on libvips threads, so
 * `cores − 1` left a 2-core machine with a single worker and every upload waiting in its queue while a core idled.
 */
function defaultUploadWorkers(): number {
  return Math.max(1, availableParallelism());
}

function generatedApiKey(nodeEnv: string | undefined): string {
  if (nodeEnv === 'production') {
    throw new ConfigError('Invalid configuration: LIVENESS_API_KEY must be set when NODE_ENV=production');
  }
  return randomBytes(24).toString('base64url');
}
