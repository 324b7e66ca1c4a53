/** The providers' HTTP client (node:http and fetch flavours) and the multipart bodies it sends, over real sockets. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMultipartForm } from '../../src/node/multipart-form.js';
import {
  MAX_ANSWER_BYTES,
  ProviderTimeoutError,
  createProviderHttp,
  fetchProviderHttp,
  type ProviderHttp,
} from '../../src/server/providers/http.js';
import { encodeMultipart } from '../../src/server/providers/multipart.js';

type Handler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler = (_request, _body, response) => response.end();
let connections = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks), response));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const flavours: Array<[string, () => ProviderHttp]> = [
  ['node:http', () => createProviderHttp()],
  ['fetch', () => fetchProviderHttp(fetch)],
];

describe.each(flavours)('provider HTTP over %s', (_name, make) => {
  const signal = new AbortController().signal;

  it('sends the method, headers and body, and reads the status, headers and text', async () => {
    handler = (request, body, response) => {
      response.setHeader('X-Request-ID', 'req-1');
      response.statusCode = 201;
      response.end(
        JSON.stringify({
          method: request.method,
          appId: request.headers['app_id'],
          body: body.toString(),
          // Some provider gateways refuse chunked uploads: the length is sent up front.
          length: request.headers['content-length'],
          chunked: request.headers['transfer-encoding'] ?? null,
        }),
      );
    };
    const answer = await make()({
      method: 'POST',
      url: `${base}/echo`,
      headers: { app_id: 'the-app', 'content-type': 'text/plain' },
      body: new TextEncoder().encode('hello'),
      signal,
      timeoutMs: 5000,
    });
    expect(answer.status).toBe(201);
    expect(answer.ok).toBe(true);
    expect(answer.header('x-request-id')).toBe('req-1');
    expect(answer.header('X-Request-Id')).toBe('req-1');
    expect(answer.header('x-missing')).toBeNull();
    expect(JSON.parse(answer.text)).toEqual({
      method: 'POST',
      appId: 'the-app',
      body: 'hello',
      length: '5',
      chunked: null,
    });
  });

  it('answers 5xx as a response, not an error', async () => {
    handler = (_request, _body, response) => {
      response.statusCode = 503;
      response.end('busy');
    };
    const answer = await make()({ method: 'GET', url: `${base}/busy`, headers: {}, signal, timeoutMs: 5000 });
    expect(answer).toMatchObject({ status: 503, ok: false, text: 'busy' });
  });

  it('gives up with a ProviderTimeoutError when the whole answer takes longer than the deadline', async () => {
    // Headers at once, the body never finished: the deadline covers the body too.
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"partial":');
    };
    const error = await make()({ method: 'GET', url: `${base}/stall`, headers: {}, signal, timeoutMs: 150 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProviderTimeoutError);
  });

  it("rejects with the caller's own reason when the caller aborts", async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const reason = new Error('check cancelled');
    const pending = make()({
      method: 'GET',
      url: `${base}/never`,
      headers: {},
      signal: controller.signal,
      timeoutMs: 5000,
    });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });

  it('fails (not a timeout) when the connection is cut mid-answer', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('short');
      setTimeout(() => response.socket?.destroy(), 20);
    };
    const error = await make()({ method: 'GET', url: `${base}/cut`, headers: {}, signal, timeoutMs: 5000 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ProviderTimeoutError);
  });
});

describe('provider HTTP over node:http', () => {
  it('keeps the connection alive between calls', async () => {
    handler = (_request, _body, response) => response.end('ok');
    const http = createProviderHttp();
    const before = connections;
    for (let call = 0; call < 3; call++) {
      const answer = await http({
        method: 'GET',
        url: `${base}/ping`,
        headers: {},
        signal: new AbortController().signal,
        timeoutMs: 5000,
      });
      expect(answer.text).toBe('ok');
    }
    expect(connections - before).toBe(1);
  });

  it('refuses an answer larger than MAX_ANSWER_BYTES instead of buffering it', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = (): void => {
        while (sent < MAX_ANSWER_BYTES / chunk.length + 2) {
          sent += 1;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        response.end();
      };
      more();
    };
    await expect(
      createProviderHttp()({
        method: 'GET',
        url: `${base}/huge`,
        headers: {},
        signal: new AbortController().signal,
        timeoutMs: 10_000,
      }),
    ).rejects.toThrow(/larger than/);
  });

  it('refuses a URL that is not http or https', async () => {
    await expect(
      createProviderHttp()({
        method: 'GET',
        url: 'ftp://127.0.0.1/file',
        headers: {},
        signal: new AbortController().signal,
        timeoutMs: 1000,
      }),
    ).rejects.toThrow(/unsupported protocol/);
  });
});

describe('multipart bodies', () => {
  it('round-trip through a multipart parser: the file bytes exactly, the fields, their order', async () => {
    const bytes = new Uint8Array(70_000).map((_, index) => (index * 31) % 256);
    const { contentType, body } = encodeMultipart([
      { name: 'selfie', fileName: 'selfie.jpg', contentType: 'image/jpeg', bytes },
      { name: 'threshold', value: '0.85' },
      { name: 'payload', value: '{"media:tags":{"media_0":["video_selfie"]}}' },
    ]);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=-+liveness[0-9a-f]{48}$/);
    const form = await parseMultipartForm(contentType, body);
    expect(form.parts.map((part) => part.name)).toEqual(['selfie', 'threshold', 'payload']);
    const file = form.file('selfie');
    expect(file).toMatchObject({ fileName: 'selfie.jpg', type: 'image/jpeg' });
    expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(form.field('threshold')).toBe('0.85');
    expect(JSON.parse(form.field('payload')!)).toEqual({ 'media:tags': { media_0: ['video_selfie'] } });
  });

  it('escapes quotes and line breaks in names as browsers do, so a name cannot forge a header', async () => {
    const { contentType, body } = encodeMultipart([
      { name: 'a"b', value: 'x' },
      {
        name: 'f',
        fileName: 'evil"\r\nX-Injected: 1.jpg',
        contentType: 'image/jpeg',
        bytes: new Uint8Array(3),
      },
    ]);
    const form = await parseMultipartForm(contentType, body);
    expect(form.parts.map((part) => part.name)).toEqual(['a%22b', 'f']);
    expect(form.file('f')).toMatchObject({ fileName: 'evil%22%0D%0AX-Injected: 1.jpg', type: 'image/jpeg' });
  });

  it('a cut or boundary-less body is refused by the parser', async () => {
    const { contentType, body } = encodeMultipart([{ name: 'a', value: 'x' }]);
    await expect(parseMultipartForm(contentType, body.subarray(0, body.length - 10))).rejects.toBeDefined();
    await expect(parseMultipartForm('multipart/form-data', body)).rejects.toBeDefined();
  });
});
