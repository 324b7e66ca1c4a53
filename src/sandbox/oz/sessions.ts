/**
 * Emulated Oz access tokens (§1.2, §1.11 #2): login returns a pair, each use slides the expiry by the TTL,
 * refresh returns a new pair and the old pair is deleted once the new one is first used.
 */
import { randomBytes } from 'node:crypto';
import { OzApiError } from './errors.js';

interface Session {
  accessToken: string;
  expireToken: string;
  expiresAtMs: number;
  /** Access token of the pair this one replaced; deleted on this pair's first use. */
  predecessor?: string;
}

export interface TokenPairBody {
  access_token: string;
  expire_token: string;
  /** Unix seconds. */
  expire_date: number;
}

const newToken = (): string => randomBytes(24).toString('hex');

export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(predecessor?: string): TokenPairBody {
    const session: Session = {
      accessToken: newToken(),
      expireToken: newToken(),
      expiresAtMs: this.now() + this.ttlMs,
      ...(predecessor ? { predecessor } : {}),
    };
    this.#sessions.set(session.accessToken, session);
    return toBody(session);
  }

  /** Checks a token (6 missing, 7 unknown, 8 expired) and slides its expiry. */
  authenticate(accessToken: string | undefined): void {
    const session = this.#find(accessToken);
    if (session.expiresAtMs <= this.now()) throw new OzApiError(8, 'Auth token expired');
    session.expiresAtMs = this.now() + this.ttlMs;
    if (session.predecessor) {
      this.#sessions.delete(session.predecessor);
      delete session.predecessor;
    }
  }

  refresh(accessToken: string | undefined, expireToken: string): TokenPairBody {
    const session = this.#find(accessToken);
    if (session.expireToken !== expireToken) throw new OzApiError(7, 'expire_token does not belong to this session');
    if (session.expiresAtMs <= this.now()) throw new OzApiError(8, 'Auth token expired');
    return this.issue(session.accessToken);
  }

  /** The `expire-token` scenario: the token stops working as if its TTL had run out. */
  expire(accessToken: string): void {
    const session = this.#sessions.get(accessToken);
    if (session) session.expiresAtMs = this.now();
  }

  #find(accessToken: string | undefined): Session {
    if (!accessToken) throw new OzApiError(6, 'Auth token not provided');
    const session = this.#sessions.get(accessToken);
    if (!session) throw new OzApiError(7, 'Auth token invalid');
    return session;
  }
}

function toBody(session: Session): TokenPairBody {
  return {
    access_token: session.accessToken,
    expire_token: session.expireToken,
    expire_date: Math.floor(session.expiresAtMs / 1000),
  };
}
