/**
 * The integrator's server side, as the examples need it: the only code that holds the backend API key. It creates
 * a session per check (the capture token goes to the page) and reads the verdict once the page says the check is
 * complete. A real app does the same from its own routes, with its own user's session.
 */

export interface IntegratorOptions {
  /** The backend's URL as this server reaches it. */
  backendUrl: string;
  /** The backend's URL as the browser reaches it (given to the element as `endpoint`). Default: backendUrl. */
  publicBackendUrl?: string;
  apiKey: string;
}

const RESULT_PATH = /^\/integrator\/result\/([\w-]{1,128})$/;

/** Answers `/integrator/*`; null for any other path. */
export function createIntegratorRoutes(options: IntegratorOptions): (request: Request) => Promise<Response | null> {
  const callBackend = (path: string, init: RequestInit = {}) =>
    fetch(`${options.backendUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
    });
  const relay = async (response: Response) =>
    new Response(await response.text(), { status: response.status, headers: { 'content-type': 'application/json' } });

  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/integrator/config' && request.method === 'GET') {
      return Response.json({ endpoint: options.publicBackendUrl ?? options.backendUrl });
    }
    if (pathname === '/integrator/session' && request.method === 'POST') {
      return relay(
        await callBackend('/sessions', {
          method: 'POST',
          body: JSON.stringify({ reference: `example-${Date.now()}` }),
        }),
      );
    }
    const result = RESULT_PATH.exec(pathname);
    if (result && request.method === 'GET') return relay(await callBackend(`/sessions/${result[1]}/result`));
    return null;
  };
}
