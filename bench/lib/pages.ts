/** Compiles the bench pages (TypeScript under bench/pages/) into the HTML and JS the static server holds in memory. */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PAGES_DIR = fileURLToPath(new URL('../pages/', import.meta.url));
const PAGE_SCRIPTS = { widget: 'widget-page.ts', baseline: 'baseline-page.ts', floor: 'floor-page.ts' } as const;

export type PageName = keyof typeof PAGE_SCRIPTS;

/** URL path of each page's HTML. */
export const PAGE_PATHS: Record<PageName, string> = {
  widget: '/pages/widget.html',
  baseline: '/pages/baseline.html',
  floor: '/pages/floor.html',
};

export async function compilePages(): Promise<Record<string, string>> {
  const pages: Record<string, string> = {};
  for (const [name, script] of Object.entries(PAGE_SCRIPTS)) {
    const output = await build({
      entryPoints: [`${PAGES_DIR}${script}`],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const code = output.outputFiles[0]?.text;
    if (code === undefined) throw new Error(`esbuild produced nothing for ${script}`);
    pages[`/pages/${name}.js`] = code;
    // An empty data: icon keeps the browser from asking for /favicon.ico, which would count as a download.
    pages[`/pages/${name}.html`] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench: ${name}</title><link rel="icon" href="data:,"></head>
<body><script type="module" src="/pages/${name}.js"></script></body></html>
`;
  }
  return pages;
}
