/**
 * The minimal capture page the backend serves at /handoff/:code when LIVENESS_HANDOFF_URL is unset: the
 * package's own CDN build (dist/cdn) and nothing else, under a CSP that names no origin but the backend's own, so
 * the phone requests no third party. The element on it exchanges the code itself (`handoff-code`).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the page loads is 'self'; WASM needs 'wasm-unsafe-eval', the preview and frames blob:. */
export const HANDOFF_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The page's styles: a file, because the CSP allows no inline style. */
export const HANDOFF_PAGE_STYLES = `html{color-scheme:light dark;font-family:system-ui,sans-serif}
body{margin:0;min-height:100dvh;display:grid;place-items:start center}
main{width:min(100%,32rem);padding:1rem;box-sizing:border-box}
liveness-check{display:block}
`;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * dist/cdn from the built package (dist/esm/server/handoff/ → dist/cdn) or from a source checkout
 * (src/server/handoff/ → dist/cdn, after `npm run build`).
 */
const CDN_CANDIDATES = [
  fileURLToPath(new URL('../../../cdn/', import.meta.url)),
  fileURLToPath(new URL('../../../dist/cdn/', import.meta.url)),
];

let cdnRoot: Promise<string | null> | undefined;
function findCdnRoot(): Promise<string | null> {
  cdnRoot ??= (async () => {
    for (const candidate of CDN_CANDIDATES) {
      const found = await stat(join(candidate, 'liveness-check.js')).catch(() => null);
      if (found?.isFile()) return candidate;
    }
    return null;
  })();
  return cdnRoot;
}

/** One file of the CDN build, or null (unknown, outside the folder, or the package was not built). */
export async function readCdnAsset(path: string): Promise<{ body: Uint8Array; type: string } | null> {
  const root = await findCdnRoot();
  if (root === null || path.includes('\0')) return null;
  const resolved = normalize(join(root, path));
  if (!resolved.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return null;
  const type = TYPES[extname(resolved)];
  if (!type) return null;
  try {
    return { body: new Uint8Array(await readFile(resolved)), type };
  } catch {
    return null;
  }
}

export async function cdnAvailable(): Promise<boolean> {
  return (await findCdnRoot()) !== null;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The page. `endpoint` is the backend's base URL as the phone reaches it; `assetsBase` where /handoff/assets/ is.
 * The code is in the path, so the page is not cached and sends no referrer (the security headers say so).
 */
export function handoffPageHtml(options: {
  code: string;
  endpoint: string;
  assetsBase: string;
  lang?: string;
}): string {
  const { code, endpoint, assetsBase } = options;
  const assets = assetsBase.replace(/\/+$/, '');
  return `<!doctype html>
<html${options.lang ? ` lang="${escapeHtml(options.lang)}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Liveness check</title>
<link rel="stylesheet" href="${escapeHtml(assets)}/page.css">
<script type="module" src="${escapeHtml(assets)}/liveness-check.js"></script>
</head>
<body>
<main>
<liveness-check endpoint="${escapeHtml(endpoint)}" handoff-code="${escapeHtml(code)}" handoff="off"></liveness-check>
</main>
</body>
</html>
`;
}
