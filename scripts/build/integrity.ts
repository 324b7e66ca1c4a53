/**
 * dist/cdn/integrity.json: the SRI hash (sha384) of every CDN file, so integrators can pin the script tag with
 * `integrity="…"` and check a self-hosted copy against the published one.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filesUnder } from './files.js';
import { CDN_DIR, INTEGRITY_FILE } from './paths.js';

export interface IntegrityManifest {
  algorithm: 'sha384';
  /** Path relative to dist/cdn → `sha384-<base64>`, the value of an `integrity` attribute. */
  files: Record<string, string>;
}

export function subresourceIntegrity(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

export async function writeIntegrity(dir: string = CDN_DIR): Promise<IntegrityManifest> {
  const manifest: IntegrityManifest = { algorithm: 'sha384', files: {} };
  for (const file of await filesUnder(dir)) {
    if (file === INTEGRITY_FILE) continue;
    manifest.files[file] = subresourceIntegrity(await readFile(join(dir, file)));
  }
  await writeFile(join(dir, INTEGRITY_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
