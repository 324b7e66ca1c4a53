/** dist/custom-elements.json, by @custom-elements-manifest/analyzer with custom-elements-manifest.config.mjs. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CUSTOM_ELEMENTS_FILE, ROOT } from './paths.js';

const run = promisify(execFile);

export async function buildCustomElementsManifest(): Promise<void> {
  await run(
    join(ROOT, 'node_modules/.bin/cem'),
    ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
    { cwd: ROOT },
  );
  // The analyzer reports plugin errors but may still write a partial file; make sure the element is in it.
  const manifest = JSON.parse(await readFile(CUSTOM_ELEMENTS_FILE, 'utf8')) as {
    modules: Array<{ declarations?: Array<{ tagName?: string }> }>;
  };
  const tags = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .map((declaration) => declaration.tagName);
  if (!tags.includes('liveness-check')) throw new Error(`${CUSTOM_ELEMENTS_FILE} does not describe <liveness-check>`);
}
