/** Bearer credentials: the integrator's API key (compared in constant time) and capture tokens. */
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
  if (!(await constantTimeEqual(presented, apiKey))) {
    throw httpError('api-key-invalid', 'the API key is not valid', {
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
  }
}

/**
 * Compares SHA-256 digests rather than the strings, so the time taken depends on neither the contents nor the
 * length of the secret. Web Crypto keeps this usable outside Node.
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [digestA, digestB] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(a)),
    crypto.subtle.digest('SHA-256', encoder.encode(b)),
  ]);
  const viewA = new Uint8Array(digestA);
  const viewB = new Uint8Array(digestB);
  let difference = 0;
  for (let index = 0; index < viewA.length; index += 1) difference |= viewA[index]! ^ viewB[index]!;
  return difference === 0;
}
