/**
 * MediaPipe Tasks (1.1.0) posts usage logs to Google (`odml.pa.googleapis.com/v1/log`) every minute and when a
 * task closes, and offers no switch to turn that off. The widget promises no third-party requests, so:
 * - in the detector worker, which is our own global scope, fetch may only reach the origins the assets come
 *   from, and everything else is refused;
 * - on the main thread (the no-worker fallback), only MediaPipe's telemetry endpoint is refused, since the
 *   page's own requests must pass untouched.
 * A refused send makes MediaPipe's logger mark itself failed and stop its timer, so it never retries.
 */
const TELEMETRY_PREFIX = 'https://odml.pa.googleapis.com/';
const GUARDED = Symbol.for('liveness-check.request-guard');

type GuardedScope = typeof globalThis & { [GUARDED]?: true };

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

function refuse(url: string): Promise<Response> {
  return Promise.reject(new TypeError(`liveness-check blocked a third-party request to ${new URL(url).origin}`));
}

/** Worker: only the listed origins may be fetched. */
export function allowOnlyOrigins(allowedOrigins: readonly string[]): void {
  const scope = globalThis as GuardedScope;
  if (scope[GUARDED]) return;
  const allowed = new Set(allowedOrigins);
  const original = scope.fetch.bind(scope);
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = requestUrl(input);
    const origin = new URL(url, scope.location.href).origin;
    return allowed.has(origin) ? original(input, init) : refuse(url);
  };
  scope[GUARDED] = true;
}

/** Main thread: refuse MediaPipe's telemetry and nothing else. */
export function refuseMediaPipeTelemetry(): void {
  const scope = globalThis as GuardedScope;
  if (scope[GUARDED]) return;
  const original = scope.fetch.bind(scope);
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = requestUrl(input);
    return url.startsWith(TELEMETRY_PREFIX) ? refuse(url) : original(input, init);
  };
  scope[GUARDED] = true;
}

export function isWorkerScope(): boolean {
  return typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope;
}
