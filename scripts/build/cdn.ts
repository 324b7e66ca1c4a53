/** The CDN build: the bundle and the worker (two Vite library builds), then the assets next to them. */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build, type UserConfig } from 'vite';
import { cdnBundleConfig, cdnWorkerConfig } from '../../vite.config.js';
import { CDN_ASSETS_DIR, LEGAL_ASSETS, RUNTIME_ASSETS, SRC_ASSETS_DIR } from './paths.js';

export async function buildCdn(): Promise<void> {
  // One after the other: both write into dist/cdn and may emit the same MediaPipe chunk.
  for (const config of [cdnBundleConfig, cdnWorkerConfig]) await buildOne(config);
  await copyAssets();
}

async function buildOne(config: UserConfig): Promise<void> {
  await build({ ...config, configFile: false });
}

async function copyAssets(): Promise<void> {
  for (const file of [...RUNTIME_ASSETS, ...LEGAL_ASSETS]) {
    const from = join(SRC_ASSETS_DIR, file);
    const exists = await stat(from).then(
      () => true,
      () => false,
    );
    if (!exists) {
      throw new Error(`${from} is missing; run \`npm run prepare\` (scripts/copy-wasm.mjs) to copy the MediaPipe WASM`);
    }
    const to = join(CDN_ASSETS_DIR, file);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
  }
}
