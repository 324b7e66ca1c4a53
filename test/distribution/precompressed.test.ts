/**
 * The build's precompressed copies: every file of dist/cdn has a .br and a .gz beside it that decode to the very
 * same bytes, and the examples server's static handler answers with the encoding the browser asked for.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPrecompressed } from '../../scripts/build/compress.js';
import { filesUnder } from '../../scripts/build/files.js';
import { serveStatic } from '../../demo/examples/static-files.js';
import { assertBuilt } from './support/dist.js';
import { CDN_DIR } from './support/pages.js';

let all: string[];
let originals: string[];

beforeAll(async () => {
  assertBuilt();
  all = await filesUnder(CDN_DIR);
  originals = all.filter((path) => !isPrecompressed(path));
});

describe('dist/cdn precompressed copies', () => {
  it('has a .br and a .gz beside every file, and nothing else compressed', () => {
    expect(originals.length).toBeGreaterThan(40);
    const expected = originals.flatMap((path) => [path, `${path}.br`, `${path}.gz`]).sort();
    expect([...all].sort()).toEqual(expected);
  });

  it('decodes every .br and .gz to its original, brotli smaller than gzip for the WASM', async () => {
    for (const path of originals) {
      const original = await readFile(join(CDN_DIR, path));
      const br = await readFile(join(CDN_DIR, `${path}.br`));
      const gz = await readFile(join(CDN_DIR, `${path}.gz`));
      expect(brotliDecompressSync(br).equals(original), `${path}.br`).toBe(true);
      expect(gunzipSync(gz).equals(original), `${path}.gz`).toBe(true);
      if (path.endsWith('.wasm')) expect(br.length).toBeLessThan(gz.length * 0.8);
    }
  });
});

describe('the examples server negotiates Content-Encoding', () => {
  const WASM = '/liveness-check/assets/wasm/vision_wasm_module_internal.wasm';

  async function get(acceptEncoding: string | null) {
    const response = await serveStatic('/liveness-check/', CDN_DIR, WASM, acceptEncoding);
    if (!response) throw new Error('no answer');
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  }

  it('answers brotli, gzip or identity as the request accepts, always as application/wasm', async () => {
    const original = await readFile(join(CDN_DIR, 'assets/wasm/vision_wasm_module_internal.wasm'));
    const br = await get('gzip, deflate, br, zstd');
    expect(br.response.headers.get('content-encoding')).toBe('br');
    expect(br.response.headers.get('content-type')).toBe('application/wasm');
    expect(br.response.headers.get('vary')).toBe('accept-encoding');
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
    const gz = await get('gzip, br;q=0');
    expect(gz.response.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);
    const plain = await get(null);
    expect(plain.response.headers.get('content-encoding')).toBeNull();
    expect(plain.body.equals(original)).toBe(true);
  });
});
