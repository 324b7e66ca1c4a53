/**
 * The backend the bench measures is the compiled JavaScript a deployment runs (what the `liveness-backend` bin
 * loads from dist/esm), not the TypeScript sources through a loader: src/ is compiled the way the build compiles
 * it, once per bench run, into a cache folder inside the project, so the compiled modules resolve the project's
 * node_modules.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileSources } from '../../scripts/build/esm.js';

const OUT_DIR = fileURLToPath(new URL('../../node_modules/.cache/liveness-bench-server/', import.meta.url));

/** Compiles src/ and answers the file URL of the compiled `server/index.js`. */
export async function compileServer(): Promise<string> {
  await rm(OUT_DIR, { recursive: true, force: true });
  await compileSources(['--outDir', OUT_DIR, '--declaration', 'false']);
  return pathToFileURL(`${OUT_DIR}server/index.js`).href;
}
