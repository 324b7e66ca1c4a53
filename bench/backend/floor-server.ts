/**
 * The floor the backend is compared with: a bare `node:http` server that reads the upload's body and writes the same
 * bytes to a file (as the backend stores its media), then answers 202. No parsing, no validation, no token, no
 * fsync: what any server on this machine, this Node and this client cannot beat.
 */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export async function startFloorServer(
  dir: string,
  host = '127.0.0.1',
): Promise<{ url: string; close(): Promise<void> }> {
  let stored = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      stored += 1;
      writeFile(join(dir, `${stored}.bin`), Buffer.concat(chunks)).then(
        () => {
          response.writeHead(202, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ stored }));
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(String(error));
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
