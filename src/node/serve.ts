/**
 * Listening on a port and closing again, the one way the backend, the sandbox emulators and the tests do it:
 * resolve once the port is bound (port 0 lets the OS pick a free one), reject when it cannot be bound, and on
 * close drop idle keep-alive sockets, which would otherwise hold `close()` open until they time out.
 */
import type { AddressInfo } from 'node:net';
import { serve as nodeServe, type ServerType } from '@hono/node-server';

/** What @hono/node-server hands requests to; the second argument carries the Node request (client address). */
export type FetchHandler = Parameters<typeof nodeServe>[0]['fetch'];

export interface ServeOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1: loopback only. */
  hostname?: string;
}

export interface RunningServer {
  server: ServerType;
  port: number;
  /** `http://<hostname>:<port>`, IPv6 hosts in brackets. */
  url: string;
  /** A function property, so it can be passed on without its object. */
  close: () => Promise<void>;
}

export function serve(fetch: FetchHandler, options: ServeOptions = {}): Promise<RunningServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = nodeServe({ fetch, port: options.port ?? 0, hostname }, (info: AddressInfo) => {
      server.off('error', reject);
      resolve({
        server,
        port: info.port,
        url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`,
        close: () => closeServer(server),
      });
    });
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
