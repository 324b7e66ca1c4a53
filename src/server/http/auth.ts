/** Bearer credentials: the integrator's API key (compared in constant time) and capture tokens. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { httpError, type ErrorCode } from '../errors.js';

export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (header === null) return null;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export function requireBearer(
  request: Request,
  missing: Extract<ErrorCode, 'api-key-missing' | 'token-missing'>,
): string {
  const token = bearerToken(request);
  if (token === null) {
    const what = missing === 'api-key-missing' ? 'the API key' : 'a capture token';
    throw httpError(missing, `send ${what} as "Authorization: Bearer <value>"`, {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
  return token;
}

export async function requireApiKey(request: Request, apiKey: string): Promise<void> {
  const presented = requireBearer(request, 'api-key-missing');
  if (!constantTimeEqual(presented, apiKey)) {
    throw httpError('api-key-invalid', 'the API key is not valid', {
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
  }
}

/** The configured key's digest, computed once (there is one key per backend). */
const expectedDigests = new Map<string, Buffer>();

/**
 * Compares SHA-256 digests rather than the strings, so the time taken depends on neither the contents nor the
 * length of the secret. node:crypto hashes synchronously in microseconds; Web Crypto's digest is a trip through
 * the thread pool per call, which at hundreds of requests a second was a measurable share of the event loop.
 */
export function constantTimeEqual(presented: string, expected: string): boolean {
  let digest = expectedDigests.get(expected);
  if (!digest) {
    digest = createHash('sha256').update(expected).digest();
    if (expectedDigests.size > 16) expectedDigests.clear();
    expectedDigests.set(expected, digest);
  }
  return timingSafeEqual(createHash('sha256').update(presented).digest(), digest);
}
