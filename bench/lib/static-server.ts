/**
 * A small static file server on 127.0.0.1 for the browser bench: serves folders under URL prefixes (plus pages
 * held in memory), `.wasm` as application/wasm, gzip when the client asks for it (compressed once per file and
 * kept, so the server's own CPU does not show up in load times), ETag revalidation and a Cache-Control policy,
 * and it logs every response it sends so the bench can count what really crossed the wire.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { contentTypeFor } from '../../demo/examples/static-files.js';

/** One response as the server sent it. */
export interface ServedResponse {
  path: string;
  status: number;
  /** Bytes of the body on the wire (gzip-compressed when `encoding` is gzip). */
  bodyBytes: number;
  /** The file's own size, whatever the encoding. */
  rawBytes: number;
  encoding: ContentCoding | 'identity';
  /** Everything written to the socket for this response: status line, headers and body. */
  wireBytes: number;
  /** process.hrtime in ms when the response was written. */
  atMs: number;
}

/** The compressed encodings the server can answer with. */
export type ContentCoding = 'br' | 'gzip';

export interface StaticServerOptions {
  /** URL prefix (e.g. `/widget/`) → folder on disk. */
  mounts: Record<string, string>;
  /** Exact URL path → file contents served from memory (generated pages). */
  pages?: Record<string, string>;
  /** Serve gzip to clients that accept it. */
  gzip: boolean;
  /** Cache-Control header for every response (ETag revalidation is always on). */
  cacheControl: string;
}

export interface RunningStaticServer {
  origin: string;
  /**
   * Which encodings to offer from now on, best first (default gzip only, as `gzip` says). Brotli is quality 11, the
   * build's precompressed `.br`, computed once per file: at once (off the event loop) for every file served so far,
   * which the returned promise waits for, and on its first request for any other.
   */
  setEncodings(encodings: readonly ContentCoding[]): Promise<void>;
  /** Responses sent since the last call, oldest first; the log is emptied. */
  takeLog(): ServedResponse[];
  close(): Promise<void>;
}

interface Entry {
  raw: Buffer;
  gzip: Buffer | null;
  br?: Buffer;
  etag: string;
  mtimeMs: number;
}

export async function startStaticServer(options: StaticServerOptions): Promise<RunningStaticServer> {
  const cache = new Map<string, Entry>();
  let log: ServedResponse[] = [];
  let encodings: readonly ContentCoding[] = options.gzip ? ['gzip'] : [];
  const brotliParams = (raw: Buffer) => ({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const encoded = (entry: Entry, coding: ContentCoding): Buffer | null => {
    if (coding === 'gzip') return entry.gzip;
    entry.br ??= brotliCompressSync(entry.raw, brotliParams(entry.raw));
    return entry.br;
  };
  const brotliAsync = promisify(brotliCompress);

  const loadEntry = async (key: string, read: () => Promise<{ body: Buffer; mtimeMs: number }>): Promise<Entry> => {
    const { body, mtimeMs } = await read();
    const cached = cache.get(key);
    if (cached && cached.mtimeMs === mtimeMs && cached.raw.length === body.length) return cached;
    const entry: Entry = {
      raw: body,
      // Level 6 is what nginx/CDNs use by default; computed once per file version.
      gzip: options.gzip ? gzipSync(body, { level: 6 }) : null,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      mtimeMs,
    };
    cache.set(key, entry);
    return entry;
  };

  const resolveEntry = async (pathname: string): Promise<Entry | null> => {
    const page = options.pages?.[pathname];
    if (page !== undefined) return loadEntry(`page:${pathname}`, async () => ({ body: Buffer.from(page), mtimeMs: 0 }));
    for (const [prefix, folder] of Object.entries(options.mounts)) {
      if (!pathname.startsWith(prefix)) continue;
      const relative = normalize(pathname.slice(prefix.length));
      const file = join(folder, relative);
      // Never serve outside the mounted folder.
      if (
        relative.startsWith('..') ||
        !(file === folder || file.startsWith(folder.endsWith(sep) ? folder : folder + sep))
      )
        return null;
      try {
        const info = await stat(file);
        if (!info.isFile()) return null;
        return await loadEntry(`file:${file}`, async () => ({ body: await readFile(file), mtimeMs: info.mtimeMs }));
      } catch {
        return null;
      }
    }
    return null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://bench.local').pathname);
    // Browsers do not pipeline HTTP/1.1, so the socket's byte counter moves only for this response until it ends.
    const socket = req.socket;
    const writtenBefore = socket.bytesWritten;
    const record = (status: number, bodyBytes: number, rawBytes: number, encoding: ServedResponse['encoding']) => {
      const entry: ServedResponse = {
        path: pathname,
        status,
        bodyBytes,
        rawBytes,
        encoding,
        wireBytes: 0,
        atMs: nowMs(),
      };
      log.push(entry);
      res.once('finish', () => {
        entry.wireBytes = socket.bytesWritten - writtenBefore;
      });
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      record(405, 0, 0, 'identity');
      res.writeHead(405).end();
      return;
    }
    const entry = await resolveEntry(pathname);
    if (!entry) {
      record(404, 9, 9, 'identity');
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': contentTypeFor(pathname),
      'cache-control': options.cacheControl,
      etag: entry.etag,
      vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === entry.etag) {
      record(304, 0, entry.raw.length, 'identity');
      res.writeHead(304, headers).end();
      return;
    }
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const coding = encodings.find((name) => new RegExp(`\\b${name}\\b`).test(accepted)) ?? null;
    const compressed = coding ? encoded(entry, coding) : null;
    const useCompressed = coding !== null && compressed !== null && compressed.length < entry.raw.length;
    const body = useCompressed ? compressed : entry.raw;
    if (useCompressed) headers['content-encoding'] = coding;
    headers['content-length'] = String(body.length);
    record(200, body.length, entry.raw.length, useCompressed ? coding : 'identity');
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async setEncodings(next) {
      if (next.includes('br')) {
        await Promise.all(
          [...cache.values()].map(async (entry) => {
            entry.br ??= await brotliAsync(entry.raw, brotliParams(entry.raw));
          }),
        );
      }
      encodings = [...next];
    },
    takeLog() {
      const taken = log;
      log = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
