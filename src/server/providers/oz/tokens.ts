/**
 * The Oz access-token lifecycle (§1.2, §3): one cached token for all checks, refreshed shortly before
 * `expire_date`, replaced by a fresh login when the server calls it invalid or expired. Concurrent callers share
 * one login or refresh in flight (single-flight), so a burst of checks never logs in more than once.
 */

export interface OzTokenPair {
  accessToken: string;
  expireToken: string;
  /** Milliseconds since the epoch, from `expire_date` (Unix seconds); null when Oz did not say. */
  expiresAtMs: number | null;
}

export interface TokenSource {
  login(): Promise<OzTokenPair>;
  refresh(current: OzTokenPair): Promise<OzTokenPair>;
}

export interface TokenManagerOptions {
  now: () => number;
  /** Refresh when the token has less than this left; the default keeps a minute for slow calls and skewed clocks. */
  refreshMarginMs: number;
  logger: (event: string, fields: Record<string, unknown>) => void;
}

export class OzTokenManager {
  #pair: OzTokenPair | null = null;
  #inFlight: Promise<OzTokenPair> | null = null;

  constructor(
    private readonly source: TokenSource,
    private readonly options: TokenManagerOptions,
  ) {}

  /** A token to use now; waits for a shared login/refresh when needed. Only this caller's wait is aborted. */
  async accessToken(signal: AbortSignal): Promise<string> {
    const pair = this.#pair;
    if (pair && !this.#isDueForRefresh(pair)) return pair.accessToken;
    this.#inFlight ??= this.#renew(pair).finally(() => {
      this.#inFlight = null;
    });
    return (await abortable(this.#inFlight, signal)).accessToken;
  }

  /** Forget a token the server refused, unless another caller already replaced it. */
  invalidate(accessToken: string): void {
    if (this.#pair?.accessToken === accessToken) this.#pair = null;
  }

  #isDueForRefresh(pair: OzTokenPair): boolean {
    return pair.expiresAtMs !== null && pair.expiresAtMs - this.options.now() <= this.options.refreshMarginMs;
  }

  async #renew(current: OzTokenPair | null): Promise<OzTokenPair> {
    let next: OzTokenPair | null = null;
    if (current) {
      try {
        next = await this.source.refresh(current);
        this.options.logger('oz.token.refreshed', { expiresAtMs: next.expiresAtMs });
      } catch (error) {
        // A refused refresh is not fatal: a fresh login gets a new pair just as well.
        this.options.logger('oz.token.refresh_failed', { error: error instanceof Error ? error.message : 'unknown' });
      }
    }
    if (!next) {
      next = await this.source.login();
      this.options.logger('oz.token.login', { expiresAtMs: next.expiresAtMs });
    }
    this.#pair = next;
    return next;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
