/**
 * The cross-device handoff in Chromium, end to end against the built package and the real backend with both
 * sandbox emulators: a desktop browser without a camera shows the QR link; a second, mobile browser (narrow
 * viewport, touch, fake camera) opens the backend's own capture page and captures; the desktop element then fires
 * liveness-complete and the session result is final. The phone's page requests nothing but the backend. Also the
 * support check's two ways out that need a real browser setting: an Instagram user agent and an iframe without
 * allow="camera".
 */
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import de from '../../src/i18n/locales/de.js';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH, LOOPBACK_ONLY_DNS } from '../../tools/chromium.js';
import { startSandboxBackend, type SandboxBackend } from './support/backend.js';
import { launchChromium } from './support/browser.js';
import { assertBuilt } from './support/dist.js';
import { CDN_DIR } from './support/pages.js';
import { notFound, startSite, type RunningSite } from './support/site.js';
import { serveStatic } from '../../demo/examples/static-files.js';

const INSTAGRAM_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UD1A.231105.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 Instagram 312.1.0.34.111 Android (34/14; 420dpi; ' +
  '1080x2400; Google/google; Pixel 8; shiba; shiba; en_US; 548323740)';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Mobile Safari/537.36';

/** A page with one element (attributes from the query) that records every liveness event in `window.events`. */
function widgetPage(attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => `${name}="${value.replace(/"/g, '&quot;')}"`)
    .join(' ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widget</title>
<script>
  window.events = [];
  for (const name of ['liveness-error', 'liveness-handoff', 'liveness-complete', 'liveness-ready'])
    document.addEventListener(name, (event) => window.events.push({ type: name, detail: event.detail }));
</script>
<script type="module" src="/cdn/liveness-check.js"></script></head>
<body><liveness-check ${attrs}></liveness-check></body></html>`;
}

let site: RunningSite;
let backend: SandboxBackend;
let desktop: Browser;
let phone: Browser;

beforeAll(async () => {
  assertBuilt();
  site = await startSite(async (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/widget.html') {
      return new Response(widgetPage(Object.fromEntries(url.searchParams)), {
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });
    }
    if (url.pathname === '/frame-host.html') {
      // The same server under another name: a cross-origin iframe, embedded without allow="camera".
      const frame = `http://127.0.0.1:${url.port}/widget.html`;
      return new Response(
        `<!doctype html><title>host</title><iframe src="${frame}" width="400" height="600"></iframe>`,
        {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        },
      );
    }
    return (await serveStatic('/cdn/', CDN_DIR, url.pathname)) ?? notFound();
  }, 'localhost');
  backend = await startSandboxBackend(site.origin);
  // The desktop has no camera at all: Chromium without its fake camera.
  desktop = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_BASE_ARGS, LOOPBACK_ONLY_DNS],
  });
  phone = await launchChromium('good');
}, 120_000);

afterAll(async () => {
  await desktop?.close();
  await phone?.close();
  await backend?.close();
  await site?.close();
});

async function newSession(on: SandboxBackend = backend): Promise<{ sessionId: string; captureToken: string }> {
  const response = await fetch(`${on.running.url}/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${on.running.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reference: 'handoff-test' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { sessionId: string; captureToken: string };
}

interface Recorded {
  type: string;
  detail: Record<string, unknown>;
}

/** The `nth` (0-based) event of this type the page recorded, once there is one. */
async function waitForEvent(page: Page, type: string, timeoutMs = 60_000, nth = 0): Promise<Recorded> {
  const handle = await page.waitForFunction(
    ({ name, index }) =>
      (window as unknown as { events: Recorded[] }).events.filter((event) => event.type === name)[index],
    { name: type, index: nth },
    { timeout: timeoutMs, polling: 100 },
  );
  return (await handle.jsonValue()) as Recorded;
}

/** Resolves once the element's shadow root shows this text. */
async function waitForText(page: Page, text: string, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.querySelector('liveness-check')?.shadowRoot?.textContent?.includes(wanted) ?? false,
    text,
    { timeout: timeoutMs, polling: 100 },
  );
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run(context: Element, options: object): Promise<{ violations: Array<{ id: string }> }> };
    };
    const results = await axe.run(document.querySelector('liveness-check')!, { resultTypes: ['violations'] });
    return results.violations.map((violation) => violation.id);
  });
}

function phoneContext(options: { locale?: string; bypassCSP?: boolean } = {}) {
  return phone.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    userAgent: ANDROID_CHROME,
    permissions: ['camera'],
    ...options,
  });
}

const shadowText = (page: Page) =>
  page.evaluate(() => document.querySelector('liveness-check')!.shadowRoot!.textContent ?? '');

describe('handoff to a phone', () => {
  it('a desktop without a camera hands off; the phone captures; the desktop completes', async () => {
    const session = await newSession();
    const desktopContext = await desktop.newContext();
    const desktopPage = await desktopContext.newPage();
    const query = new URLSearchParams({ endpoint: backend.running.url, token: session.captureToken });
    await desktopPage.goto(`${site.origin}/widget.html?${query}`);
    const failed = await waitForEvent(desktopPage, 'liveness-error');
    expect(failed.detail).toMatchObject({ code: 'camera-not-found', recoverable: true });
    const handoff = await waitForEvent(desktopPage, 'liveness-handoff');
    const url = String(handoff.detail['url']);
    expect(url.startsWith(`${backend.running.url}/handoff/`)).toBe(true);
    await desktopPage.locator('liveness-check [part~="qr"]').waitFor();

    const phoneContext = await phone.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      userAgent: ANDROID_CHROME,
      permissions: ['camera'],
    });
    const requested: string[] = [];
    const violations: string[] = [];
    phoneContext.on('request', (request) => requested.push(request.url()));
    const phonePage = await phoneContext.newPage();
    phonePage.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
    });
    const served = await phonePage.goto(url);
    expect(served?.headers()['content-security-policy']).toContain("default-src 'none'");
    await phonePage.locator('liveness-check [part~="start-button"]').tap();

    const complete = await waitForEvent(desktopPage, 'liveness-complete', 150_000);
    expect(complete.detail).toMatchObject({ sessionId: session.sessionId, status: 'done' });
    expect(typeof complete.detail['checkId']).toBe('string');
    await desktopPage.waitForFunction(
      (text) => document.querySelector('liveness-check')!.shadowRoot!.textContent.includes(text),
      en['handoff.done'],
    );
    // The phone follows its own check and may hear "done" a poll after the desktop did.
    await phonePage.waitForFunction(() => document.querySelector('liveness-check')!.phase === 'done', undefined, {
      timeout: 60_000,
      polling: 100,
    });

    const result = (await (
      await fetch(`${backend.running.url}/sessions/${session.sessionId}/result`, {
        headers: { authorization: `Bearer ${backend.running.apiKey}` },
      })
    ).json()) as { status: string; checkId: string };
    expect(result.status).toBe('done');

    // Nothing on the phone's page came from anywhere but the backend (blob: and data: are the page's own).
    const foreign = requested.filter((request) => {
      if (request.startsWith('blob:') || request.startsWith('data:')) return false;
      return new URL(request).origin !== backend.origin;
    });
    expect(foreign).toEqual([]);
    expect(requested.some((request) => request.endsWith('.wasm'))).toBe(true);
    expect(violations).toEqual([]);

    // The link was single use: opening it again gets the clear "used" screen.
    const again = await phoneContext.newPage();
    await again.goto(url);
    await again.waitForFunction(
      (text) => document.querySelector('liveness-check')?.shadowRoot?.textContent?.includes(text) ?? false,
      en['error.handoff-used'],
    );
    await phoneContext.close();
    await desktopContext.close();
  }, 240_000);
});

describe('an expired handoff code', () => {
  let late: SandboxBackend;
  // The backend's clock, moved past the code's expiry instead of waiting for it (the browsers keep real time).
  let skewMs = 0;
  beforeAll(async () => {
    late = await startSandboxBackend(site.origin, {
      env: { LIVENESS_HANDOFF_TTL_SECONDS: '30' },
      clock: () => Date.now() + skewMs,
    });
  }, 60_000);
  afterAll(async () => {
    await late?.close();
  });

  it('gets a clear screen on the phone; the desktop makes a new code, which the phone captures with', async () => {
    const session = await newSession(late);
    const desktopContext = await desktop.newContext();
    const desktopPage = await desktopContext.newPage();
    const query = new URLSearchParams({ endpoint: late.running.url, token: session.captureToken });
    await desktopPage.goto(`${site.origin}/widget.html?${query}`);
    const stale = String((await waitForEvent(desktopPage, 'liveness-handoff')).detail['url']);
    await desktopPage.locator('liveness-check [part~="qr"]').waitFor();

    skewMs = 31_000;
    // The desktop hears it from the backend's status (its own timer still has 30 s to go): a new code is offered.
    await waitForText(desktopPage, en['handoff.expired']);
    expect(await desktopPage.locator('liveness-check [part~="qr"]').count()).toBe(0);

    // The phone, in German, opens the expired link: a clear, translated, accessible screen.
    // bypassCSP: only so that axe can be injected into this page; the first test proves the policy itself.
    const germanContext = await phoneContext({ locale: 'de-DE', bypassCSP: true });
    const expiredPage = await germanContext.newPage();
    await expiredPage.goto(stale);
    await waitForText(expiredPage, de['error.handoff-expired']);
    expect(await expiredPage.evaluate(() => document.querySelector('liveness-check')!.phase)).toBe('error');
    expect(await expiredPage.locator('liveness-check [part~="retry-button"]').count()).toBe(0);
    expect(await axeViolations(expiredPage)).toEqual([]);
    await germanContext.close();

    await desktopPage.locator('liveness-check [part~="handoff-button"]').click();
    const fresh = String((await waitForEvent(desktopPage, 'liveness-handoff', 60_000, 1)).detail['url']);
    expect(fresh).not.toBe(stale);
    await desktopPage.locator('liveness-check [part~="qr"]').waitFor();

    const context = await phoneContext();
    const phonePage = await context.newPage();
    await phonePage.goto(fresh);
    // The desktop learns the phone has the code before the check is there.
    await waitForText(desktopPage, en['handoff.opened']);
    await phonePage.locator('liveness-check [part~="start-button"]').tap();
    const complete = await waitForEvent(desktopPage, 'liveness-complete', 150_000);
    expect(complete.detail).toMatchObject({ sessionId: session.sessionId, status: 'done' });
    await waitForText(desktopPage, en['handoff.done']);

    // A second open of the used link: the "used" screen, not a second capture.
    const again = await context.newPage();
    await again.goto(fresh);
    await waitForText(again, en['error.handoff-used']);
    await context.close();
    await desktopContext.close();
  }, 240_000);
});

describe('the support check in a real browser setting', () => {
  it('an Instagram user agent gets the "open in your browser" screen and in-app-browser', async () => {
    const context = await desktop.newContext({ userAgent: INSTAGRAM_ANDROID });
    const page = await context.newPage();
    await page.goto(`${site.origin}/widget.html`);
    const failed = await waitForEvent(page, 'liveness-error');
    expect(failed.detail).toMatchObject({ code: 'in-app-browser', recoverable: true });
    const text = await shadowText(page);
    expect(text).toContain(en['inapp.title']);
    expect(text).toContain(en['error.in-app-browser']);
    const link = page.locator('liveness-check [part~="link"]');
    expect(await link.textContent()).toBe(`${site.origin}/widget.html`);
    const intent = await page.locator('liveness-check [part~="open-browser-button"]').getAttribute('href');
    // The screen is accessible like the others (axe, as the a11y group runs it).
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const { axe } = window as unknown as {
        axe: { run(context: Element, options: object): Promise<{ violations: Array<{ id: string }> }> };
      };
      const results = await axe.run(document.querySelector('liveness-check')!, { resultTypes: ['violations'] });
      return results.violations.map((violation) => violation.id);
    });
    expect(violations).toEqual([]);
    expect(intent).toMatch(/^intent:\/\/localhost:\d+\/widget\.html#Intent;scheme=http;package=com\.android\.chrome;/);
    await context.close();
  });

  it('an iframe without allow="camera" gets camera-blocked-by-policy and a console message for the integrator', async () => {
    const context = await phone.newContext({ permissions: ['camera'] });
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${site.origin}/frame-host.html`);
    const frame = page.frames().find((candidate) => candidate.url().includes('127.0.0.1'));
    expect(frame, 'the cross-origin frame').toBeDefined();
    const handle = await frame!.waitForFunction(
      () => (window as unknown as { events: Recorded[] }).events.find((event) => event.type === 'liveness-error'),
      undefined,
      { timeout: 30_000, polling: 100 },
    );
    const failed = (await handle.jsonValue()) as Recorded;
    expect(failed.detail).toMatchObject({ code: 'camera-blocked-by-policy', recoverable: false });
    expect(warnings.some((warning) => warning.includes('allow="camera"'))).toBe(true);
    await context.close();
  });
});
