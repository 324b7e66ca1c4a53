/**
 * The Oz HTTP client: authenticated JSON/multipart calls with response validation, transient-failure retries
 * (transport.ts), token caching and refresh (tokens.ts), and one re-login when Oz reports the token invalid or
 * expired. It knows nothing about checks or decisions.
 */
import type { z } from 'zod';
import type { ProviderHttpResponse } from '../http.js';
import type { MultipartBody } from '../multipart.js';
import { ProviderError } from '../types.js';
import { isStaleTokenError, ozProviderError, parseOzErrorBody, type OzFailedResponse } from './errors.js';
import { OzTokenManager, type OzTokenPair } from './tokens.js';
import { sendWithRetries, type OzHttpRequest, type TransportOptions } from './transport.js';
import { OZ_TOKEN_HEADER, expireDateMs, ozAuthResponseSchema, type OzAuthResponse } from './types.js';

export type OzLogger = (event: string, fields: Record<string, unknown>) => void;

export interface OzClientOptions {
  apiUrl: string;
  login: string;
  password: string;
  transport: TransportOptions;
  now: () => number;
  refreshMarginMs: number;
  logger: OzLogger;
}

export interface OzCall<T> {
  method: 'GET' | 'POST';
  /** Starts with /api/. */
  path: string;
  json?: unknown;
  multipart?: MultipartBody;
  headers?: Record<string, string>;
  schema: z.ZodType<T>;
  operation: string;
  /** Overrides the per-request timeout, e.g. sized to an upload. */
  timeoutMs?: number;
  /** Overrides the attempts; 1 for requests that are not safe to repeat blindly (a billed upload). */
  maxAttempts?: number;
}

/** Per-check context of a call: the check's abort signal and a counter of HTTP attempts for its timings. */
export interface OzCallContext {
  signal: AbortSignal;
  onAttempt: () => void;
}

export class OzClient {
  readonly #tokens: OzTokenManager;
  readonly #baseUrl: string;

  constructor(private readonly options: OzClientOptions) {
    this.#baseUrl = options.apiUrl.replace(/\/+$/, '');
    this.#tokens = new OzTokenManager(
      { login: () => this.#login(), refresh: (pair) => this.#refresh(pair) },
      { now: options.now, refreshMarginMs: options.refreshMarginMs, logger: options.logger },
    );
  }

  /** An authenticated call; on error_code 7/8 it logs in again once and repeats the call. */
  async call<T>(call: OzCall<T>, context: OzCallContext): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.#tokens.accessToken(context.signal);
      const response = await this.#send(call, { ...call.headers, [OZ_TOKEN_HEADER]: token }, context);
      if (response.ok) return readBody(response, call);
      const failure = readFailure(response);
      if (attempt === 1 && isStaleTokenError(failure)) {
        this.options.logger('oz.token.rejected', { operation: call.operation, providerCode: failure.body?.error_code });
        this.#tokens.invalidate(token);
        continue;
      }
      throw ozProviderError(failure, call.operation);
    }
  }

  async #send(
    call: OzCall<unknown>,
    headers: Record<string, string>,
    context: OzCallContext,
  ): Promise<ProviderHttpResponse> {
    const request: OzHttpRequest = {
      method: call.method,
      url: this.#baseUrl + call.path,
      headers: withContentType(headers, call),
      operation: call.operation,
      ...bodyOf(call),
    };
    const startedAt = this.options.now();
    const transport = {
      ...this.options.transport,
      ...(call.timeoutMs === undefined ? {} : { requestTimeoutMs: call.timeoutMs }),
      ...(call.maxAttempts === undefined ? {} : { maxAttempts: call.maxAttempts }),
    };
    const response = await sendWithRetries(request, context.signal, transport, context.onAttempt);
    this.options.logger('oz.http', {
      operation: call.operation,
      status: response.status,
      durationMs: this.options.now() - startedAt,
    });
    return response;
  }

  async #login(): Promise<OzTokenPair> {
    const body = { credentials: { email: this.options.login, password: this.options.password } };
    return this.#authRequest('/api/authorize/auth', body, {}, 'login');
  }

  async #refresh(current: OzTokenPair): Promise<OzTokenPair> {
    const body = { expire_token: current.expireToken };
    const headers = { [OZ_TOKEN_HEADER]: current.accessToken };
    return this.#authRequest('/api/authorize/refresh', body, headers, 'token refresh');
  }

  /** Logins are shared by every waiting check, so no single check's abort signal may cancel them. */
  async #authRequest(
    path: string,
    json: unknown,
    headers: Record<string, string>,
    operation: string,
  ): Promise<OzTokenPair> {
    const schema = ozAuthResponseSchema;
    const call: OzCall<OzAuthResponse> = { method: 'POST', path, json, headers, schema, operation };
    const response = await this.#send(call, headers, { signal: new AbortController().signal, onAttempt: () => {} });
    if (!response.ok) {
      const error = ozProviderError(readFailure(response), operation);
      // Whatever Oz said, a refused login means our credentials do not work.
      throw error.code === 'provider-unavailable'
        ? error
        : new ProviderError('oz', 'provider-auth', error.message, error.details, { cause: error });
    }
    const auth = readBody(response, call);
    return {
      accessToken: auth.access_token,
      expireToken: auth.expire_token,
      expiresAtMs: expireDateMs(auth.expire_date),
    };
  }
}

function withContentType(headers: Record<string, string>, call: OzCall<unknown>): Record<string, string> {
  if (call.multipart) return { ...headers, 'Content-Type': call.multipart.contentType };
  if (call.json !== undefined) return { ...headers, 'Content-Type': 'application/json' };
  return headers;
}

function bodyOf(call: OzCall<unknown>): Pick<OzHttpRequest, 'body'> {
  if (call.multipart) return { body: call.multipart.body };
  if (call.json !== undefined) return { body: JSON.stringify(call.json) };
  return {};
}

function readFailure(response: ProviderHttpResponse): OzFailedResponse {
  return { status: response.status, body: parseOzErrorBody(response.text) };
}

function readBody<T>(response: ProviderHttpResponse, call: OzCall<T>): T {
  const text = response.text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ProviderError(
      'oz',
      'provider-protocol',
      `Oz ${call.operation} answered with non-JSON`,
      {
        status: response.status,
      },
      { cause },
    );
  }
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError(
      'oz',
      'provider-protocol',
      `Oz ${call.operation} answer does not match the contract`,
      {
        status: response.status,
      },
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
