/**
 * The backend's one error type. Every refusal carries a stable string code (documented in docs/backend.md) so the
 * widget and integrators can branch on it without parsing messages.
 */
import { API_ERROR_CODES, API_ERROR_STATUS, type ApiErrorCode } from '../shared/errors.js';

/** Every code the HTTP API can answer with, and its HTTP status. */
export const ERROR_STATUS = API_ERROR_STATUS;

export type ErrorCode = ApiErrorCode;

/** The stable error codes, for docs and tests. */
export const ERROR_CODES = API_ERROR_CODES;

export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode,
    message: string,
    options: { headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.headers = options.headers ?? {};
  }

  getResponse(): Response {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    return Response.json(body, { status: this.status, headers: this.headers });
  }
}

/** An HttpError with the status that belongs to `code`. */
export function httpError(
  code: ErrorCode,
  message: string,
  options?: { headers?: Record<string, string>; cause?: unknown },
): HttpError {
  return new HttpError(ERROR_STATUS[code], code, message, options);
}
