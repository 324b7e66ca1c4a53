/**
 * One visit as a person makes it: open the page, press start, let the fake camera's face be captured, wait for the
 * check to complete and the page to show the verdict its server read. Records every request the page and its
 * workers make, the WASM responses' content type, and (through the canary) every CSP violation.
 */
import type { Browser } from 'playwright-core';
import {
  loadedAroundFirstGuidance,
  pressStart,
  recordWidgetEvents,
  waitForCompletion,
  type WidgetEvent,
} from './capture.js';
import { fireCanaryViolation, violationsOtherThan, type CspWatch } from './csp.js';

/** The CDN build's chunk of what runs only after the first guidance (src/element/after-guidance.ts). */
export const AFTER_GUIDANCE_CHUNK = /\/chunks\/after-guidance-[\w-]+\.js$/;

export interface CaptureVisit {
  events: WidgetEvent[];
  /** Every request URL, from the page and from its workers. */
  requests: string[];
  wasmContentTypes: string[];
  verdict: string | null;
  /** The after-guidance chunk (packaging and the upload client): when it was requested, and the first guidance. */
  afterGuidanceChunk: { firstGuidanceAt: number | null; requestedAt: number[] };
  /** Violations other than the canary. */
  violations: ReturnType<typeof violationsOtherThan>;
}

export async function visitAndCapture(
  browser: Browser,
  url: string,
  csp: CspWatch,
  canaryOrigin: string,
): Promise<CaptureVisit> {
  const context = await browser.newContext({ permissions: ['camera'] });
  try {
    const requests: string[] = [];
    const wasmContentTypes: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    context.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.wasm'))
        wasmContentTypes.push(response.headers()['content-type'] ?? '');
    });
    const page = await context.newPage();
    await csp.attach(context, page);
    await page.goto(url);
    await recordWidgetEvents(page);
    await pressStart(page);
    const events = await waitForCompletion(page);
    // The page shows the verdict its server read after liveness-complete.
    await page.locator('#verdict:not([data-state="ready"]):not([data-state="waiting"])').waitFor({ timeout: 30_000 });
    const verdict = await page.locator('#verdict').textContent();
    const afterGuidanceChunk = await loadedAroundFirstGuidance(page, AFTER_GUIDANCE_CHUNK);
    const canary = await fireCanaryViolation(page, csp, canaryOrigin);
    return {
      events,
      requests,
      wasmContentTypes,
      verdict,
      afterGuidanceChunk,
      violations: violationsOtherThan(csp, canary),
    };
  } finally {
    await context.close();
  }
}

/** A blob: URL belongs to the origin that created it. */
export function originOf(url: string): string {
  return new URL(url.startsWith('blob:') ? url.slice('blob:'.length) : url).origin;
}

export interface LanguageVisit {
  /** The start button's text once the language's chunk has arrived. */
  startText: string;
  lang: string | null;
  dir: string | null;
  requests: string[];
  violations: ReturnType<typeof violationsOtherThan>;
}

/**
 * Opens the page, switches the element to `lang` (the element's own attribute, as an integrator would set it) and
 * waits until the start button reads `expectedStart`: the language's chunk was fetched and applied, under the
 * page's CSP, from wherever the bundle came from.
 */
export async function visitInLanguage(
  browser: Browser,
  url: string,
  csp: CspWatch,
  canaryOrigin: string,
  lang: string,
  expectedStart: string,
): Promise<LanguageVisit> {
  const context = await browser.newContext({ permissions: ['camera'] });
  try {
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    await csp.attach(context, page);
    await page.goto(url);
    await page.locator('liveness-check button[part~="start-button"]').waitFor({ timeout: 30_000 });
    // Through the DevTools protocol, like the other page.evaluate calls here: not subject to the page's CSP.
    await page.evaluate((tag) => document.querySelector('liveness-check')?.setAttribute('lang', tag), lang);
    const start = page.locator('liveness-check button[part~="start-button"]', { hasText: expectedStart });
    await start.waitFor({ timeout: 30_000 });
    const base = page.locator('liveness-check [part~="base"]');
    const result = {
      startText: ((await start.textContent()) ?? '').trim(),
      lang: await base.getAttribute('lang'),
      dir: await base.getAttribute('dir'),
    };
    const canary = await fireCanaryViolation(page, csp, canaryOrigin);
    return { ...result, requests, violations: violationsOtherThan(csp, canary) };
  } finally {
    await context.close();
  }
}
