/**
 * Builds the widget the way it ships (the CDN build: `liveness-check.js`, its worker and chunks) into a temporary
 * folder and puts the WASM and model in its `assets/` folder, where the bundle looks for them by default.
 *
 * Uses the CDN configurations vite.config.ts exports (what `npm run build` runs) when it has them, the plain
 * `vite build` otherwise, and bundles src/index.ts plus the detector worker with esbuild only when Vite fails;
 * the report records which one ran.
 */
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild, type Plugin } from 'esbuild';
import type { UserConfig } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The files the detector fetches at run time, relative to the assets folder (see src/assets.ts). */
const RUNTIME_ASSETS = [
  'wasm/vision_wasm_module_internal.js',
  'wasm/vision_wasm_module_internal.wasm',
  'face_detection_short_range.tflite',
  'face_landmarker.task',
] as const;
const CDN_CONFIG_EXPORTS = ['cdnBundleConfig', 'cdnWorkerConfig'] as const;

export type Bundler = 'vite-cdn' | 'vite' | 'esbuild-fallback';

export interface WidgetBuild {
  dir: string;
  /** Bundle file name inside `dir`. */
  entry: string;
  bundler: Bundler;
  /** Why Vite was not used, when it was not. */
  fallbackReason?: string;
  /** Every file of the build with its size, relative to `dir`. */
  files: Array<{ path: string; bytes: number }>;
}

/** `prefer: 'esbuild'` skips Vite (BENCH_BUNDLER=esbuild), for when the project's build is broken. */
export async function buildWidget(outDir: string, prefer: 'vite' | 'esbuild' = 'vite'): Promise<WidgetBuild> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  let bundler: Bundler;
  let fallbackReason: string | undefined;
  try {
    if (prefer === 'esbuild') throw new Error('BENCH_BUNDLER=esbuild asked for the esbuild bundle');
    bundler = await viteBuild(outDir);
    await stat(join(outDir, 'liveness-check.js'));
  } catch (error) {
    fallbackReason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    await rm(outDir, { recursive: true, force: true });
    await esbuildFallback(outDir);
    bundler = 'esbuild-fallback';
  }
  for (const file of RUNTIME_ASSETS) {
    await mkdir(join(outDir, 'assets', file, '..'), { recursive: true });
    await copyFile(join(ROOT, 'src', 'assets', file), join(outDir, 'assets', file));
  }
  return {
    dir: outDir,
    entry: 'liveness-check.js',
    bundler,
    ...(fallbackReason ? { fallbackReason } : {}),
    files: await listFiles(outDir),
  };
}

function isUserConfig(value: unknown): value is UserConfig {
  return typeof value === 'object' && value !== null && 'build' in value;
}

async function viteBuild(outDir: string): Promise<Bundler> {
  const { build } = await import('vite');
  const configModule = (await import(pathToFileURL(join(ROOT, 'vite.config.ts')).href)) as Record<string, unknown>;
  const cdnConfigs = CDN_CONFIG_EXPORTS.map((name) => configModule[name]).filter(isUserConfig);
  if (cdnConfigs.length === CDN_CONFIG_EXPORTS.length) {
    // One after the other, as scripts/build/cdn.ts does: both write into the same folder.
    for (const config of cdnConfigs) {
      await build({
        ...config,
        configFile: false,
        logLevel: 'warn',
        build: { ...config.build, outDir, emptyOutDir: false },
      });
    }
    return 'vite-cdn';
  }
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return 'vite';
}

/** esbuild cannot follow `new Worker(new URL('./detector.worker.ts', import.meta.url))`: point it at the worker bundle. */
const workerUrlPlugin: Plugin = {
  name: 'detector-worker-url',
  setup(build) {
    build.onLoad({ filter: /detector[\\/][^\\/]*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace("'./detector.worker.ts'", "'./liveness-check.worker.js'"), loader: 'ts' };
    });
  },
};

async function esbuildFallback(outDir: string): Promise<void> {
  // ignoreAnnotations: package.json's `sideEffects` describes dist/, not src/; honouring it here would drop the
  // module that registers the tag.
  const common = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
    ignoreAnnotations: true,
  } as const;
  await esbuild({
    ...common,
    entryPoints: { 'liveness-check': join(ROOT, 'src/index.ts') },
    outdir: outDir,
    splitting: true,
    plugins: [workerUrlPlugin],
  });
  await esbuild({
    ...common,
    entryPoints: { 'liveness-check.worker': join(ROOT, 'src/capture/detector/detector.worker.ts') },
    outdir: outDir,
  });
}

async function listFiles(dir: string): Promise<Array<{ path: string; bytes: number }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Array<{ path: string; bytes: number }> = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.push({ path: relative(dir, full), bytes: (await stat(full)).size });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
