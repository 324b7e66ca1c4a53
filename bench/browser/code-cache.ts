/**
 * Whether Chromium compiled the page's WebAssembly from its code cache: a Chrome trace of the load, read for the
 * events Blink writes when it finds (`v8.wasm.moduleCacheHit`) or rejects (`v8.wasm.moduleCacheInvalid`) a cached
 * module. A warm reload that misses it compiles the WASM again, so the figure says which it measured.
 */
import type { Page } from 'playwright-core';

export type CodeCacheOutcome = 'hit' | 'invalid' | 'miss';

const CATEGORY = 'disabled-by-default-devtools.timeline';

/** Starts tracing `page`; the returned function stops and tells what the WASM compiles found in the cache. */
export async function traceCodeCache(page: Page): Promise<() => Promise<CodeCacheOutcome>> {
  const cdp = await page.context().newCDPSession(page);
  const names = new Set<string>();
  cdp.on('Tracing.dataCollected', (event: { value: Array<{ name?: string }> }) => {
    for (const entry of event.value) if (entry.name?.startsWith('v8.wasm.')) names.add(entry.name);
  });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: [CATEGORY] }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    if (names.has('v8.wasm.moduleCacheInvalid') || names.has('v8.wasm.moduleCacheInvalidDigest')) return 'invalid';
    return names.has('v8.wasm.moduleCacheHit') ? 'hit' : 'miss';
  };
}
