/**
 * The backend's one error type. Every refusal carries a stable string code (documented in docs/backend.md) so the
 * widget and integrators can branch on it without parsing messages.
 */

/** Every code the HTTP API can answer with, and its HTTP status. */
export const ERROR_STATUS = {
  'api-key-missing': 401,
  'api-key-invalid': 401,
  'token-missing': 401,
  'token-invalid': 401,
  'token-expired': 401,
  'token-used': 403,
  'token-session-mismatch': 403,
  'origin-not-allowed': 403,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'invalid-zip': 422,
  'zip-limits': 422,
  'image-undecodable': 422,
  'image-too-small': 422,
  'image-too-large': 422,
  'invalid-report': 422,
  'invalid-request': 400,
  'not-found': 404,
  'rate-limited': 429,
  internal: 500,
  'store-unavailable': 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The stable error codes, for docs and tests. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as readonly ErrorCode[];

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
