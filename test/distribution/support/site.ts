/** Loopback HTTP servers for the dist tests: each answers with a fetch handler and records what it was asked. */
import { serve } from '../../../src/node/serve.js';

export interface ServedRequest {
  method: string;
  path: string;
  origin: string | null;
  status: number;
  contentType: string | null;
}

export interface RunningSite {
  /** `http://<host>:<port>`, with the host name the browser uses (127.0.0.1 or localhost). */
  origin: string;
  served: ServedRequest[];
  close(): Promise<void>;
}

export type Handler = (request: Request) => Promise<Response>;

/** Listens on 127.0.0.1 only; `hostName` is what the page's URLs call it (both resolve to loopback). */
export async function startSite(
  handler: Handler,
  hostName: '127.0.0.1' | 'localhost' = '127.0.0.1',
): Promise<RunningSite> {
  const served: ServedRequest[] = [];
  const server = await serve(async (request) => {
    const response = await handler(request);
    served.push({
      method: request.method,
      path: new URL(request.url).pathname,
      origin: request.headers.get('origin'),
      status: response.status,
      contentType: response.headers.get('content-type'),
    });
    return response;
  });
  return { origin: `http://${hostName}:${server.port}`, served, close: server.close };
}

/** Adds headers to every response of `handler` (a CSP, CORS for a CDN); a function is read per request. */
export function withHeaders(
  handler: Handler,
  headers: Record<string, string> | (() => Record<string, string>),
): Handler {
  return async (request) => {
    const response = await handler(request);
    for (const [name, value] of Object.entries(typeof headers === 'function' ? headers() : headers))
      response.headers.set(name, value);
    return response;
  };
}

export const notFound = (): Response => new Response('not found', { status: 404 });
