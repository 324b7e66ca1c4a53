import { defineConfig } from 'vite';

export default defineConfig({
  // MediaPipe ships prebuilt ESM and loads its WASM itself; pre-bundling it only breaks the relative loading.
  optimizeDeps: { exclude: ['@mediapipe/tasks-vision'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist/cdn',
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'liveness-check.js',
    },
  },
});
