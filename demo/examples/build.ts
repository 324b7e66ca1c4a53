/**
 * Builds the framework examples with Vite the way an integrator's app would consume the npm package: `import
 * 'liveness-check'` resolves to the package's dist/esm (built by `npm run build`), Vite bundles the detector
 * worker from it, and the page serves the WASM and model from a copy of dist/cdn/assets/. The plain HTML example
 * needs no build and is copied as is.
 *
 *   <outDir>/react/index.html, <outDir>/vue/index.html, <outDir>/assets/*   (Vite)
 *   <outDir>/html/*, <outDir>/shared/example.css                             (copied)
 */
import { cp, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const EXAMPLES_DIR = fileURLToPath(new URL('./', import.meta.url));
const PACKAGE_ESM = fileURLToPath(new URL('../../dist/esm/', import.meta.url));

export async function buildExamples(outDir: string): Promise<void> {
  await stat(join(PACKAGE_ESM, 'index.js')).catch(() => {
    throw new Error('dist/esm is missing: run `npm run build` before building the examples');
  });
  await build({
    configFile: false,
    root: EXAMPLES_DIR,
    base: '/',
    logLevel: 'warn',
    resolve: {
      // What `npm install liveness-check` gives an app, without installing this repository into itself.
      alias: [
        { find: /^liveness-check$/, replacement: join(PACKAGE_ESM, 'index.js') },
        { find: /^liveness-check\/element$/, replacement: join(PACKAGE_ESM, 'element.js') },
      ],
    },
    // The detector worker is an ES module (it imports MediaPipe); Vite's default worker format is a classic script.
    worker: { format: 'es' },
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    define: {
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      rolldownOptions: {
        input: { react: join(EXAMPLES_DIR, 'react/index.html'), vue: join(EXAMPLES_DIR, 'vue/index.html') },
      },
    },
  });
  await cp(join(EXAMPLES_DIR, 'html'), join(outDir, 'html'), { recursive: true });
  await mkdir(join(outDir, 'shared'), { recursive: true });
  await cp(join(EXAMPLES_DIR, 'shared/example.css'), join(outDir, 'shared/example.css'));
}
