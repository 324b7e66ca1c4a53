/**
 * Listening on a port and closing again, the one way the backend, the sandbox emulators and the tests do it:
 * resolve once the port is bound (port 0 lets the OS pick a free one), reject when it cannot be bound, and on
 * close drop idle keep-alive sockets, which would otherwise hold `close()` open until they time out. The backend's
 * graceful stop passes `drainMs`: requests in flight may finish for that long before what is left is cut.
 */
import { createServer, type AddressInfo } from 'node:net';
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
  /**
   * Stops listening. Without `drainMs`, every connection is cut at once; with it, idle keep-alive sockets go now,
   * busy ones as soon as their response is sent, and whatever is left after `drainMs`. A function property, so it
   * can be passed on without its object.
   */
  close: (options?: { drainMs?: number }) => Promise<void>;
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
        close: (closeOptions) => closeServer(server, closeOptions?.drainMs ?? 0),
      });
    });
    server.once('error', reject);
  });
}

function closeServer(server: ServerType, drainMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const closeIdle = (): void => {
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    };
    const closeAll = (): void => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    };
    // Keep-alive sockets would hold close() open: idle ones go now, busy ones as soon as their response is sent.
    const sweep = drainMs > 0 ? setInterval(closeIdle, 100) : undefined;
    const timer = drainMs > 0 ? setTimeout(closeAll, drainMs) : undefined;
    timer?.unref();
    server.close((error) => {
      clearInterval(sweep);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    });
    if (drainMs > 0) closeIdle();
    else closeAll();
  });
}

/**
 * A port that was free a moment ago, for a child process that must be told its port before it starts (PostgreSQL,
 * a backend instance). Racy by nature: prefer `serve()` with port 0 wherever the listener is in this process.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
