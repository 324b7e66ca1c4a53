/**
 * `npm start` as a person uses it: the demo server (Vite, the backend, the integrator's routes) in its own process,
 * driven in Chromium. The capture-mode and language selects apply to the widget on screen at once, without
 * "New session", and the widget's WASM and model answer brotli or gzip encoded as the request accepts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { freePort } from '../../src/node/serve.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODEL = 'src/assets/face_detection_short_range.tflite';

let demo: ChildProcess;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  // Vite's HMR server takes the next port too.
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  demo = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('demo:')) resolve();
    };
    demo.stdout!.on('data', onData);
    demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.once('exit', (code) => reject(new Error(`the demo server exited (${code}): ${output}`)));
  });
  browser = await launchChromium('good');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  demo?.kill('SIGTERM');
});

describe('the demo server', () => {
  it('answers the model brotli, gzip or plain by Accept-Encoding', async () => {
    const original = await readFile(`${ROOT}${MODEL}`);
    const get = (accept: string) => fetch(`${origin}/${MODEL}`, { headers: { 'accept-encoding': accept } });
    // fetch() decodes the body by the Content-Encoding it reports: equal bytes prove the encoding is real.
    const br = await get('br, gzip');
    expect(br.headers.get('content-encoding')).toBe('br');
    const gz = await get('gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const plain = await get('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(original)).toBe(true);
    expect(Buffer.from(await br.arrayBuffer()).equals(original), 'brotli decodes to the model').toBe(true);
    expect(Buffer.from(await gz.arrayBuffer()).equals(original), 'gzip decodes to the model').toBe(true);
  }, 60_000);

  it('applies the capture mode and the language to the widget at once, without "New session"', async () => {
    const context = await browser.newContext({ permissions: ['camera'] });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/demo/`);
      const widget = page.locator('#widget-slot liveness-check');
      await widget.waitFor({ timeout: 90_000 });
      const sessionToken = await widget.evaluate((el: Element & { token?: string }) => el.token);
      await page.selectOption('select[name="mode"]', 'image');
      expect(await widget.evaluate((el: Element & { mode?: string }) => el.mode)).toBe('image');
      await page.selectOption('select[name="lang"]', 'de');
      expect(await widget.getAttribute('lang')).toBe('de');
      // The texts follow once the German chunk is in: the start button speaks German.
      await expect
        .poll(() => page.locator('liveness-check [part~="start-button"]').textContent(), { timeout: 30_000 })
        .toBe('Kamera starten');
      // Still the same widget and session: nothing was recreated.
      expect(await widget.evaluate((el: Element & { token?: string }) => el.token)).toBe(sessionToken);
    } finally {
      await context.close();
    }
  }, 120_000);
});
