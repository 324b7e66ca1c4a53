/** Errors a store raises that the HTTP layer maps to a response of its own. */

/**
 * The store cannot be reached (the database is down, restarting, or out of connections). Nothing was written by
 * the call that failed; the caller may retry once the store is back (GET /health says when).
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
