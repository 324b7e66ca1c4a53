/**
 * The npm build: `tsc -p tsconfig.build.json` emits dist/esm/ (JS + .d.ts, mirroring src/), then the one thing
 * tsc leaves as in the source is fixed: the worker URL names `detector.worker.ts`, because the dev servers and the
 * browser tests load the TypeScript source, while the published module sits next to `detector.worker.js`.
 */
import { execFile } from 'node:child_process';
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ESM_DIR, ROOT } from './paths.js';

const run = promisify(execFile);

/** `new URL('./x.ts', import.meta.url)`: the form bundlers resolve at build time (workers, assets). */
const TS_URL = /new URL\((['"])(\.{1,2}\/[^'"]+)\.ts\1,\s*import\.meta\.url\)/g;

export interface UrlRewrite {
  code: string;
  /** The relative `.js` paths the rewritten code now points at. */
  targets: string[];
}

/** Pure: points every `new URL('./….ts', import.meta.url)` at the emitted `.js` file. */
export function rewriteTsUrls(code: string): UrlRewrite {
  const targets: string[] = [];
  const rewritten = code.replace(TS_URL, (_match, quote: string, path: string) => {
    targets.push(`${path}.js`);
    return `new URL(${quote}${path}.js${quote}, import.meta.url)`;
  });
  return { code: rewritten, targets };
}

/** `tsc -p tsconfig.build.json` plus `extraArgs`, failing with tsc's own report. */
export async function compileSources(extraArgs: readonly string[] = []): Promise<void> {
  try {
    await run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(ROOT, 'tsconfig.build.json'), ...extraArgs], {
      cwd: ROOT,
    });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? '';
    const command = ['tsc -p tsconfig.build.json', ...extraArgs].join(' ');
    throw new Error(`${command} failed:\n${output}`, { cause: error });
  }
}

export async function buildEsm(): Promise<void> {
  await compileSources();
  let rewrites = 0;
  for (const file of await jsFiles(ESM_DIR)) {
    const { code, targets } = rewriteTsUrls(await readFile(file, 'utf8'));
    if (targets.length === 0) continue;
    for (const target of targets) {
      const resolved = join(dirname(file), target);
      await stat(resolved).catch(() => {
        throw new Error(`${file} points at ${target}, which the build did not emit`);
      });
    }
    await writeFile(file, code);
    rewrites += targets.length;
  }
  // The detector worker is the one such URL today; none found means the source changed shape under us.
  if (rewrites === 0) throw new Error('no worker URL found in dist/esm: did spawn-worker.ts change?');
  // The `liveness-backend` bin (tsc keeps its shebang): executable, so `./dist/esm/server/bin.js` runs in a checkout too.
  await chmod(join(ESM_DIR, 'server/bin.js'), 0o755);
}

async function jsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}
