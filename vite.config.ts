/**
 * Vite serves the demo from source (`npm start`) and builds the CDN files (`npm run build` runs both CDN configs
 * through scripts/build/cdn.ts; a bare `vite build` builds only the main bundle):
 *
 *   dist/cdn/liveness-check.js          the element, Lit included: the one file a page loads
 *   dist/cdn/liveness-check.worker.js   the face-detection worker, started by the bundle from its own URL
 *   dist/cdn/chunks/*.js                loaded on demand: MediaPipe's JS, the main-thread detector fallback, and
 *                                       one locale-<tag>-<hash>.js per language but English (built in)
 *   dist/cdn/assets/                    WASM, model, NOTICE and licence (copied by the build script)
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { CDN_WORKER_FILE } from './src/cdn/worker-file.js';

const ROOT = dirname(fileURLToPath(import.meta.url));
export const CDN_OUT_DIR = resolve(ROOT, 'dist/cdn');
export const CDN_BUNDLE_FILE = 'liveness-check.js';
/** Every lazily loaded file lives here; MediaPipe's JS is the `mediapipe-<hash>.js` chunk. */
export const CDN_CHUNKS_DIR = 'chunks';
export const MEDIAPIPE_CHUNK_NAME = 'mediapipe';
/** Each language but English is a chunk of its own, loaded when a page asks for it: `locale-ja-<hash>.js`. */
export const LOCALE_CHUNK_PREFIX = 'locale-';
const LOCALE_MODULE = /[\\/]src[\\/]i18n[\\/]locales[\\/][^\\/]+\.ts$/;

const DEFAULT_SPAWNER = resolve(ROOT, 'src/capture/detector/spawn-worker.ts');
const CDN_SPAWNER = resolve(ROOT, 'src/cdn/spawn-worker.ts');

/**
 * Swaps the detector's worker spawner for the CDN one. The default spawner uses the pattern bundlers turn into a
 * hashed worker file that must be same-origin with the page; the CDN one starts `liveness-check.worker.js` from
 * the bundle's own URL and copes with a CDN on another origin.
 */
function cdnWorkerSpawner(): Plugin {
  return {
    name: 'liveness-check:cdn-worker-spawner',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.')) return null;
      const target = resolve(dirname(importer), source).replace(/\.js$/, '.ts');
      return target === DEFAULT_SPAWNER ? CDN_SPAWNER : null;
    },
  };
}

function cdnLibrary(entry: string, fileName: string): UserConfig {
  return {
    root: ROOT,
    publicDir: false,
    logLevel: 'warn',
    plugins: [cdnWorkerSpawner()],
    // Library mode leaves process.env.NODE_ENV for the consumer's bundler; a <script> has no bundler after it.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      target: 'es2022',
      outDir: CDN_OUT_DIR,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: resolve(ROOT, entry), formats: ['es'], fileName: () => fileName },
      rolldownOptions: {
        // Lets the entry export the modules it shares with its lazy chunks, instead of a common chunk the page
        // would have to fetch before the element is defined: the page loads one file.
        preserveEntrySignatures: 'allow-extension',
        output: {
          // A language's texts are `locale-<tag>-<hash>.js`, so the size budget and integrators can tell them apart.
          chunkFileNames: (chunk) =>
            chunk.facadeModuleId && LOCALE_MODULE.test(chunk.facadeModuleId)
              ? `${CDN_CHUNKS_DIR}/${LOCALE_CHUNK_PREFIX}[name]-[hash].js`
              : `${CDN_CHUNKS_DIR}/[name]-[hash].js`,
          // Library mode leaves whitespace for the consumer's minifier; a CDN file is served as built. Licence
          // headers (Lit's, MediaPipe's) stay.
          minify: true,
          comments: { legal: true, annotation: false, jsdoc: false },
          // MediaPipe in a chunk of its own: the worker and the main-thread fallback share the file, and the size
          // budget (scripts/build/size.ts) can tell our code from theirs.
          codeSplitting: { groups: [{ name: MEDIAPIPE_CHUNK_NAME, test: /[\\/]node_modules[\\/]@mediapipe[\\/]/ }] },
        },
      },
    },
  };
}

/** The page's one module script. The main-thread detector fallback stays a lazy chunk. */
export const cdnBundleConfig: UserConfig = cdnLibrary('src/index.ts', CDN_BUNDLE_FILE);
/** The worker, built as its own entry so it is a plain file the bundle can start (or import from a blob:). */
export const cdnWorkerConfig: UserConfig = cdnLibrary('src/capture/detector/detector.worker.ts', CDN_WORKER_FILE);

const devConfig: UserConfig = {
  // MediaPipe ships prebuilt ESM and loads its WASM itself; pre-bundling it only breaks the relative loading.
  optimizeDeps: { exclude: ['@mediapipe/tasks-vision'] },
  worker: { format: 'es' },
};

export default defineConfig(({ command }) => (command === 'build' ? cdnBundleConfig : devConfig));
