/**
 * Capture tokens: short-lived HS256 JWTs that let one browser upload one check for one session.
 * Signature, expiry, audience and issuer are checked here; single use is the store's job (used token ids), and
 * origin binding is checked against the request by `assertOriginAllowed`.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { webcrypto } from 'node:crypto';
import { httpError } from './errors.js';

type CryptoKey = webcrypto.CryptoKey;

export interface CaptureClaims {
  sessionId: string;
  tokenId: string;
  /** Expiry in epoch milliseconds. */
  expiresAt: number;
  /** Browser origins allowed to use the token; empty means any. */
  origins: string[];
}

export interface IssuedToken {
  token: string;
  tokenId: string;
  expiresAt: number;
}

export interface TokenService {
  issue(input: { sessionId: string; origins: string[]; ttlSeconds: number }): Promise<IssuedToken>;
  /** @throws HttpError token-invalid or token-expired. */
  verify(token: string): Promise<CaptureClaims>;
}

const ALGORITHM = 'HS256';
const TOKEN_TYPE = 'JWT';

export function createTokenService(options: {
  secret: string;
  audience: string;
  issuer: string;
  clock: () => number;
}): TokenService {
  // Imported once: given raw bytes, jose imports a WebCrypto key on every sign and verify, a cost paid per request.
  let key: Promise<CryptoKey> | undefined;
  const hmacKey = (): Promise<CryptoKey> =>
    (key ??= crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(options.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    ));
  return {
    async issue({ sessionId, origins, ttlSeconds }) {
      const issuedAt = Math.floor(options.clock() / 1000);
      const expiresAtSeconds = issuedAt + ttlSeconds;
      const tokenId = crypto.randomUUID();
      const token = await new SignJWT({ origins })
        .setProtectedHeader({ alg: ALGORITHM, typ: TOKEN_TYPE })
        .setSubject(sessionId)
        .setJti(tokenId)
        .setAudience(options.audience)
        .setIssuer(options.issuer)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAtSeconds)
        .sign(await hmacKey());
      return { token, tokenId, expiresAt: expiresAtSeconds * 1000 };
    },

    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, await hmacKey(), {
          algorithms: [ALGORITHM],
          // Our tokens say typ JWT; another JWT type signed with the same key (there is none today) is not a capture token.
          typ: TOKEN_TYPE,
          audience: options.audience,
          issuer: options.issuer,
          requiredClaims: ['sub', 'jti', 'exp'],
          currentDate: new Date(options.clock()),
        }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw httpError('token-expired', 'The capture token has expired');
        throw httpError('token-invalid', 'The capture token is not valid', { cause: error });
      }
      const { sub, jti, exp, origins } = payload;
      if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || !isStringArray(origins)) {
        throw httpError('token-invalid', 'The capture token is missing required claims');
      }
      return { sessionId: sub, tokenId: jti, expiresAt: exp * 1000, origins };
    },
  };
}

/**
 * A token bound to origins may only be used from those origins. Requests without an Origin header (server-side
 * tools, same-origin GETs in some browsers) are not refused: the binding stops another website's page from using a
 * leaked token, which a browser always labels with its Origin.
 */
export function assertOriginAllowed(claims: CaptureClaims, requestOrigin: string | null): void {
  if (requestOrigin === null || claims.origins.length === 0) return;
  if (!claims.origins.includes(requestOrigin)) {
    throw httpError('origin-not-allowed', 'This capture token may not be used from this origin');
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
