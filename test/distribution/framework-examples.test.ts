/**
 * The React and Vue examples, built by Vite from the npm build (dist/esm) as an app would build them, served under
 * the strict CSP: each captures the fixture face, sees liveness-complete with status done from the real backend,
 * runs detection in the worker Vite bundled from the package, and shows the verdict its server read.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildExamples } from '../../demo/examples/build.js';
import { launchChromium } from './support/browser.js';
import { detailOf } from './support/capture.js';
import { watchCsp, type CspWatch } from './support/csp.js';
import { assertBuilt } from './support/dist.js';
import { CDN_DIR } from './support/pages.js';
import { originOf, visitAndCapture, visitInLanguage } from './support/run.js';
import { en } from '../../src/i18n/en.js';
import uk from '../../src/i18n/locales/uk.js';
import { startStrictSite, type StrictSite } from './support/strict-site.js';

describe('framework examples', () => {
  let outDir: string;
  let browser: Browser;
  let strict: StrictSite;
  let csp: CspWatch = watchCsp();

  beforeAll(async () => {
    assertBuilt();
    outDir = await mkdtemp(join(tmpdir(), 'liveness-examples-test-'));
    await buildExamples(outDir);
    strict = await startStrictSite({
      mounts: [
        ['/liveness-check/', CDN_DIR],
        ['/', outDir],
      ],
      // Each example gets a fresh watch.
      csp: () => csp,
    });
    browser = await launchChromium('good');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await strict?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it.each(['react', 'vue'])(
    '%s: captures the face and completes the check, in the worker, under the strict CSP',
    async (example) => {
      csp = watchCsp();
      const { site, backend } = strict;
      const visit = await visitAndCapture(browser, `${site.origin}/${example}/`, csp, backend.origin);
      expect(visit.events.filter((event) => event.type === 'liveness-error')).toEqual([]);
      expect(detailOf(visit.events, 'liveness-ready')?.['detector']).toBe('worker');
      expect(detailOf(visit.events, 'liveness-complete')?.['status']).toBe('done');
      expect(visit.verdict).toBe('Check done: live');
      // Vite emitted the worker as a file of the app, and the element loaded its assets from where it was told.
      expect(visit.requests.some((url) => /\/assets\/detector\.worker-[\w-]+\.js$/.test(url))).toBe(true);
      expect(visit.requests).toContain(`${site.origin}/liveness-check/assets/wasm/vision_wasm_module_internal.wasm`);
      const allowed = new Set([site.origin, backend.origin]);
      expect(visit.requests.filter((url) => !allowed.has(originOf(url)))).toEqual([]);
      expect(visit.violations).toEqual({ reports: [], messages: [] });
    },
    150_000,
  );

  it('the app build keeps each language in a chunk of its own, which the element fetches on demand', async () => {
    const assets = join(outDir, 'assets');
    const scripts = (await readdir(assets)).filter((file) => file.endsWith('.js'));
    const containing = async (text: string) => {
      const found: string[] = [];
      for (const file of scripts) if ((await readFile(join(assets, file), 'utf8')).includes(text)) found.push(file);
      return found;
    };
    const ukrainian = await containing(uk['intro.body']);
    const english = await containing(en['intro.body']);
    expect(ukrainian).toHaveLength(1);
    expect(english).not.toContain(ukrainian[0]);

    csp = watchCsp();
    const { site, backend } = strict;
    const visit = await visitInLanguage(
      browser,
      `${site.origin}/react/`,
      csp,
      backend.origin,
      'uk-UA',
      uk['intro.start'],
    );
    expect([visit.startText, visit.lang]).toEqual([uk['intro.start'], 'uk']);
    expect(visit.requests).toContain(`${site.origin}/assets/${ukrainian[0]}`);
    expect(visit.violations).toEqual({ reports: [], messages: [] });
  }, 150_000);
});
