// Copies the MediaPipe Tasks WASM (ES-module variant only) next to the model, so the dev server, the tests
// and the build all serve every asset from the package itself, never from a CDN.
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The package's exports hide package.json, so resolve its main entry and take the folder.
const visionDir = dirname(require.resolve('@mediapipe/tasks-vision'));
const target = join(root, 'src', 'assets', 'wasm');
mkdirSync(target, { recursive: true });
for (const file of ['vision_wasm_module_internal.js', 'vision_wasm_module_internal.wasm']) {
  const from = join(visionDir, 'wasm', file);
  if (!existsSync(from)) throw new Error(`@mediapipe/tasks-vision is missing ${file}; is version 1.1.0 installed?`);
  copyFileSync(from, join(target, file));
}
