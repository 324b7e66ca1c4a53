/**
 * @module
 * Minimal read-only static file server on 127.0.0.1 (ephemeral port) for the detect probe: the page, the
 * MediaPipe bundle from node_modules and the WASM + model from src/assets, all served from the repository.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  // WebAssembly.instantiateStreaming refuses any other type.
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
};

export interface StaticServer {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:43123`. */
  origin: string;
  close(): Promise<void>;
}

export async function startStaticServer(root: string): Promise<StaticServer> {
  const rootPath = resolve(root);
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const filePath = resolve(rootPath, `.${pathname}`);
      const contentType = CONTENT_TYPES[extname(filePath)];
      const insideRoot = filePath.startsWith(rootPath + sep);
      const info = insideRoot && contentType ? await stat(filePath).catch(() => null) : null;
      if (!info?.isFile() || !contentType) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(200, {
        'content-type': contentType,
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      createReadStream(filePath).pipe(response);
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.closeAllConnections();
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
      }),
  };
}
