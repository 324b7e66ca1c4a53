/**
 * The floors the backend is compared with, both bare `node:http` servers that answer 202 once the upload's body is
 * written to a file (as the backend stores its media):
 * - the floor: nothing else. No parsing, no validation, no token, no fsync: what any server on this machine, this
 *   Node and this client cannot beat;
 * - the validation floor (given a validator): the multipart body parsed and the media put through the backend's
 *   own image validation (its worker pool, libvips decoding) first. What any server that proves the upload is an
 *   image cannot beat, whatever it does around it.
 */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseMultipartForm } from '../../src/node/multipart-form.js';
import type { UploadValidator } from '../../src/server/upload/validator.js';

export async function startFloorServer(
  dir: string,
  options: { host?: string; validator?: UploadValidator } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const { validator } = options;
  let stored = 0;
  const validate = async (contentType: string, body: Buffer): Promise<void> => {
    if (!validator) return;
    const form = await parseMultipartForm(contentType, body);
    const media = form.file('media');
    if (!media) throw new Error('no media part');
    await validator.validate({ media: media.bytes, selfie: null, report: form.field('report') });
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      stored += 1;
      const body = Buffer.concat(chunks);
      validate(request.headers['content-type'] ?? '', body)
        .then(() => writeFile(join(dir, `${stored}.bin`), body))
        .then(
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
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await validator?.close();
    },
  };
}
