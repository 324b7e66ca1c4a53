/**
 * The providers' HTTP client, shared by the adapters: one request with a total deadline, a body of bytes, the
 * answer read whole. Retries and the meaning of statuses stay in each adapter.
 *
 * The default sends with node:http(s) over keep-alive agents. WHATWG `fetch` with a FormData body cost about
 * 2.5 ms of CPU per multipart call on this project's bench machine (web streams, Blob, File, AbortSignal.any)
 * against 0.5 ms here, and a check makes four to six provider calls. The npm `undici` package would be as cheap,
 * but importing it replaces the process's global fetch dispatcher, which a library must not do to its host.
 * `fetchProviderHttp` keeps any fetch usable (tests inject one to fake a provider's misbehaviour).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface ProviderHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The caller's cancellation (the check's deadline or a shutdown): rejects with its reason. */
  signal: AbortSignal;
  /** The whole exchange, answer body included: past it the request is abandoned with a ProviderTimeoutError. */
  timeoutMs: number;
}

export interface ProviderHttpResponse {
  status: number;
  ok: boolean;
  /** A response header, case-insensitive; the first value when repeated. */
  header(name: string): string | null;
  text: string;
}

export type ProviderHttp = (request: ProviderHttpRequest) => Promise<ProviderHttpResponse>;

/** The deadline of one exchange passed; the adapters tell it apart from a network error in their messages. */
export class ProviderTimeoutError extends Error {
  override readonly name = 'ProviderTimeoutError';
}

/** Sockets kept open per provider origin: the checks in flight share them instead of opening one each. */
const SOCKETS_PER_ORIGIN = 64;

export function createProviderHttp(): ProviderHttp {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: SOCKETS_PER_ORIGIN }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: SOCKETS_PER_ORIGIN }),
  };
  return (call) =>
    withDeadline(call, (signal) => {
      const url = new URL(call.url);
      const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : null;
      if (send === null) return Promise.reject(new Error(`unsupported protocol ${url.protocol}`));
      return new Promise<ProviderHttpResponse>((resolve, reject) => {
        const outgoing = send(
          url,
          { method: call.method, headers: call.headers, agent: agents[url.protocol as 'http:' | 'https:'], signal },
          (incoming) => void readAnswer(incoming).then(resolve, reject),
        );
        outgoing.on('error', reject);
        outgoing.end(call.body);
      });
    });
}

/** Provider answers are small JSON documents; a larger one is a fault, refused before it can fill the memory. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

function readAnswer(incoming: IncomingMessage): Promise<ProviderHttpResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    incoming.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_ANSWER_BYTES) {
        // Refused first: destroying the stream reports a cut connection, which is not what happened.
        reject(new Error(`the provider's answer is larger than ${MAX_ANSWER_BYTES} bytes`));
        incoming.destroy();
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('error', reject);
    incoming.on('aborted', () => reject(new Error('the provider closed the connection mid-answer')));
    incoming.on('end', () => {
      const status = incoming.statusCode ?? 0;
      const headers = incoming.headers;
      resolve({
        status,
        ok: status >= 200 && status < 300,
        header: (name) => {
          const value = headers[name.toLowerCase()];
          return (Array.isArray(value) ? value[0] : value) ?? null;
        },
        text: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}

export function fetchProviderHttp(fetchImpl: typeof fetch): ProviderHttp {
  return (call) =>
    withDeadline(call, async (signal) => {
      const body = typeof call.body === 'string' || call.body === undefined ? call.body : new Uint8Array(call.body);
      const response = await fetchImpl(call.url, {
        method: call.method,
        headers: call.headers,
        ...(body === undefined ? {} : { body }),
        signal,
      });
      const text = await response.text();
      return { status: response.status, ok: response.ok, header: (name) => response.headers.get(name), text };
    });
}

/** Runs `exchange` under the caller's signal and the request's own deadline, whichever ends first. */
async function withDeadline(
  call: ProviderHttpRequest,
  exchange: (signal: AbortSignal) => Promise<ProviderHttpResponse>,
): Promise<ProviderHttpResponse> {
  call.signal.throwIfAborted();
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(call.signal.reason);
  call.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new ProviderTimeoutError(`no complete answer within ${call.timeoutMs} ms`)),
    call.timeoutMs,
  );
  try {
    return await exchange(controller.signal);
  } catch (error) {
    // undici and fetch wrap or replace the abort reason; the caller's reason and our timeout are what it means.
    if (call.signal.aborted) throw call.signal.reason;
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    call.signal.removeEventListener('abort', onAbort);
  }
}
