/** The CDN build: the bundle and the worker (two Vite library builds), then the assets next to them. */
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { transform } from 'esbuild';
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
    await copyRuntimeAsset(from, join(CDN_ASSETS_DIR, file));
  }
}

/** MediaPipe's WASM loader ships unminified (comments, whitespace): the one asset whose text we can shrink. */
const WASM_LOADER = /vision_wasm_module_internal\.js$/;

/**
 * Copies one asset; MediaPipe's WASM loader is minified on the way (whitespace and syntax only, names and licence
 * comments kept), which takes about a third off its bytes on the wire before the first guidance.
 */
export async function copyRuntimeAsset(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  if (!WASM_LOADER.test(from)) {
    await copyFile(from, to);
    return;
  }
  const { code } = await transform(await readFile(from, 'utf8'), {
    format: 'esm',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'inline',
  });
  await writeFile(to, code);
}
