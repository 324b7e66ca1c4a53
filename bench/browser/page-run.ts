/**
 * Runs one bench page in a browser context and collects what it reports plus what the static server sent for it.
 * Every run is bounded by a timeout; a page that reports failure (or never reports) fails the bench.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { PageResult } from '../pages/protocol.js';
import type { RunningStaticServer, ServedResponse } from '../lib/static-server.js';
import { HARNESS_PREFIX } from './network.js';

export interface PageRun {
  result: PageResult;
  /** What the static server sent between navigation and the page's result. */
  served: ServedResponse[];
  /** Requests the page made to anything other than the bench server (recorded; they never leave the machine). */
  externalRequests: string[];
  /** Requests the browser made for the product's files (including those answered from its cache). */
  browserRequests: number;
}

export interface PageRunOptions {
  server: RunningStaticServer;
  /** Path and query on the bench server. */
  path: string;
  timeoutMs: number;
  /** Reload the already open page instead of navigating (warm-cache runs). */
  reload?: boolean;
  /** Prints console errors of the page, for diagnosing a failing run. */
  onConsoleError?: (text: string) => void;
}

export async function runPage(page: Page, options: PageRunOptions): Promise<PageRun> {
  const { server } = options;
  const externalRequests: string[] = [];
  let browserRequests = 0;
  const onRequest = (request: { url(): string }): void => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!url.startsWith(`${server.origin}/`)) externalRequests.push(url);
    // The bench's own page and script are not the product's: keep them out of the count.
    else if (!url.startsWith(`${server.origin}${HARNESS_PREFIX}`)) browserRequests += 1;
  };
  const onConsole = (message: { type(): string; text(): string }): void => {
    if (message.type() === 'error') options.onConsoleError?.(message.text());
  };
  page.on('request', onRequest);
  page.on('console', onConsole);
  server.takeLog();
  try {
    if (options.reload) await page.reload({ waitUntil: 'commit', timeout: options.timeoutMs });
    else await page.goto(`${server.origin}${options.path}`, { waitUntil: 'commit', timeout: options.timeoutMs });
    const result = await withTimeout(
      page.evaluate(async () => {
        // The page script sets __benchResult as soon as it runs; wait for it to exist first.
        for (let i = 0; i < 600 && !window.__benchResult; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        if (!window.__benchResult) throw new Error('the bench page never started');
        return window.__benchResult;
      }),
      options.timeoutMs,
      `${options.path}: no result within ${options.timeoutMs} ms`,
    );
    const served = server.takeLog();
    if (!result.ok) throw new Error(`${options.path}: ${result.error ?? 'the page reported a failure'}`);
    return { result, served, externalRequests, browserRequests };
  } finally {
    page.off('request', onRequest);
    page.off('console', onConsole);
  }
}

/** A fresh context (empty cache) and page, closed afterwards whatever happens. */
export async function withFreshPage<T>(
  newContext: () => Promise<BrowserContext>,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await newContext();
  try {
    return await use(await context.newPage());
  } finally {
    await context.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
