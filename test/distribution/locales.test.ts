/**
 * The languages in the built package: each is its own file in both builds, reached only through import(), and none
 * but English is in the code a page loads by default.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityManifest } from '../../scripts/build/integrity.js';
import { filesUnder } from '../../scripts/build/files.js';
import { LOCALE_LOADERS } from '../../src/i18n/catalog.js';
import { en } from '../../src/i18n/en.js';
import { assertBuilt } from './support/dist.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CDN = join(ROOT, 'dist/cdn');
const TAGS = Object.keys(LOCALE_LOADERS);

let cdnFiles: string[];
let bundle: string;
let worker: string;

beforeAll(async () => {
  assertBuilt();
  cdnFiles = await filesUnder(CDN);
  bundle = await readFile(join(CDN, 'liveness-check.js'), 'utf8');
  worker = await readFile(join(CDN, 'liveness-check.worker.js'), 'utf8');
});

/** A sentence only that language's file contains. */
async function sampleOf(tag: string): Promise<string> {
  const { default: messages } = await LOCALE_LOADERS[tag as keyof typeof LOCALE_LOADERS]();
  return messages['intro.body'];
}

describe('the CDN build', () => {
  it.each(TAGS)(
    'has one chunk for %s, loaded by the bundle by its relative path and listed in integrity.json',
    async (tag) => {
      const chunks = cdnFiles.filter((file) => new RegExp(`^chunks/locale-${tag}-[\\w-]+\\.js$`).test(file));
      expect(chunks).toHaveLength(1);
      expect(bundle).toContain(`import(\`./${chunks[0]}\`)`);
      const manifest = JSON.parse(await readFile(join(CDN, 'integrity.json'), 'utf8')) as IntegrityManifest;
      expect(manifest.files[chunks[0]!]).toMatch(/^sha384-/);
      expect(await readFile(join(CDN, chunks[0]!), 'utf8')).toContain(await sampleOf(tag));
    },
  );

  it('carries English in the bundle and no other language in the bundle or the worker', async () => {
    expect(bundle).toContain(en['intro.body']);
    for (const tag of TAGS) {
      const sample = await sampleOf(tag);
      expect(bundle.includes(sample), `${tag} in the bundle`).toBe(false);
      expect(worker.includes(sample), `${tag} in the worker`).toBe(false);
    }
  });
});

describe('the npm build', () => {
  it.each(TAGS)('has dist/esm/i18n/locales/%s.js, imported only with import()', async (tag) => {
    expect(existsSync(join(ROOT, `dist/esm/i18n/locales/${tag}.js`))).toBe(true);
    const catalog = await readFile(join(ROOT, 'dist/esm/i18n/catalog.js'), 'utf8');
    expect(catalog).toContain(`import('./locales/${tag}.js')`);
  });

  it('has no static import of a locale anywhere in dist/esm', async () => {
    const esm = join(ROOT, 'dist/esm');
    const files = (await filesUnder(esm)).filter((file) => file.endsWith('.js') && !file.startsWith('i18n/locales/'));
    const offenders: string[] = [];
    for (const file of files) {
      const code = await readFile(join(esm, file), 'utf8');
      if (/(^|\n)\s*(import|export)\b[^;]*from\s*['"][^'"]*locales\//.test(code)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
