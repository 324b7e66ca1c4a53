// The framework examples' calls to their own server (demo/examples/integrator.ts plays it): a capture token for
// the element, and the verdict once the element reports the check complete.

async function json(path, init) {
  const response = await fetch(path, init);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

/** `{ endpoint, sessionId, captureToken }` for one check. */
export async function startSession() {
  const { endpoint } = await json('/integrator/config');
  const session = await json('/integrator/session', { method: 'POST' });
  return { endpoint, sessionId: session.sessionId, captureToken: session.captureToken };
}

/** The integrator's view of the result: `{ status, decision, … }`. */
export function readResult(sessionId) {
  return json(`/integrator/result/${encodeURIComponent(sessionId)}`);
}

/**
 * Where the page serves the WASM and model: a copy of the package's dist/cdn/assets/ (bundlers do not copy a
 * folder the code only names at run time, so the element is told where it is).
 */
export const ASSETS_URL = '/liveness-check/assets/';
