/**
 * The backend the bench measures is the compiled JavaScript a deployment runs (what the `liveness-backend` bin
 * loads from dist/esm), not the TypeScript sources through a loader: tsc emits src/ once per bench run into a
 * cache folder inside the project, so the compiled modules resolve the project's node_modules.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../../node_modules/.cache/liveness-bench-server/', import.meta.url));

/** Compiles src/ and answers the file URL of the compiled `server/index.js`. */
export async function compileServer(): Promise<string> {
  await rm(OUT_DIR, { recursive: true, force: true });
  try {
    await promisify(execFile)(
      fileURLToPath(new URL('../../node_modules/.bin/tsc', import.meta.url)),
      ['-p', 'tsconfig.build.json', '--outDir', OUT_DIR, '--declaration', 'false'],
      { cwd: ROOT },
    );
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? '';
    throw new Error(`compiling the server for the bench failed:\n${output}`, { cause: error });
  }
  return pathToFileURL(`${OUT_DIR}server/index.js`).href;
}
