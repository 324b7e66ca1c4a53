/**
 * Drives one capture in a page that shows <liveness-check>: listen to the widget's events (they bubble and are
 * composed, so the document hears them), press start like a person would, and wait for the check to complete.
 */
import type { Page } from 'playwright-core';

export interface WidgetEvent {
  type: string;
  detail: Record<string, unknown>;
}

const EVENT_NAMES = ['liveness-ready', 'liveness-submitted', 'liveness-complete', 'liveness-error'] as const;

interface EventHost {
  __livenessEvents?: WidgetEvent[];
  /** The page clock (`performance.now()`) at the first `liveness-guidance`. */
  __firstGuidanceAt?: number;
}

/** Records the widget's events from now on; call before pressing start. */
export async function recordWidgetEvents(page: Page): Promise<void> {
  await page.evaluate((names) => {
    const host = window as unknown as EventHost;
    host.__livenessEvents = [];
    for (const name of names) {
      document.addEventListener(name, (event) => {
        const { detail } = event as unknown as CustomEvent<Record<string, unknown>>;
        // Only plain data crosses back to the test (media Blobs do not).
        host.__livenessEvents?.push({
          type: name,
          detail: JSON.parse(JSON.stringify(detail ?? {})) as Record<string, unknown>,
        });
      });
    }
    // Capturing on the window: before the element's own listeners, which may start loading at this moment.
    window.addEventListener('liveness-guidance', () => (host.__firstGuidanceAt ??= performance.now()), {
      capture: true,
      once: true,
    });
  }, EVENT_NAMES);
}

/**
 * When the first guidance showed and when the page requested the resources whose URL matches `pattern`, on the
 * page's clock (Resource Timing), so a test can tell what loaded before the first guidance and what after.
 */
export async function loadedAroundFirstGuidance(
  page: Page,
  pattern: RegExp,
): Promise<{ firstGuidanceAt: number | null; requestedAt: number[] }> {
  return page.evaluate(
    ({ source, flags }) => {
      const matching = new RegExp(source, flags);
      return {
        firstGuidanceAt: (window as unknown as EventHost).__firstGuidanceAt ?? null,
        requestedAt: performance
          .getEntriesByType('resource')
          .filter((entry) => matching.test(entry.name))
          .map((entry) => entry.startTime),
      };
    },
    { source: pattern.source, flags: pattern.flags },
  );
}

export async function widgetEvents(page: Page): Promise<WidgetEvent[]> {
  return page.evaluate(() => (window as unknown as EventHost).__livenessEvents ?? []);
}

/** Presses the element's start button (inside its shadow root) once the page has given it a token. */
export async function pressStart(page: Page): Promise<void> {
  await page.locator('#verdict[data-state="ready"]').waitFor({ timeout: 30_000 });
  await page.locator('liveness-check button[part~="start-button"]').click();
}

/** Waits for liveness-complete (or a widget error it cannot recover from) and returns every recorded event. */
export async function waitForCompletion(page: Page, timeoutMs = 90_000): Promise<WidgetEvent[]> {
  const deadline = Date.now() + timeoutMs;
  // Polled from here rather than with page.waitForFunction, which would evaluate code in a page under test for CSP.
  for (;;) {
    const events = await widgetEvents(page);
    const finished = events.some(
      (e) => e.type === 'liveness-complete' || (e.type === 'liveness-error' && e.detail['recoverable'] === false),
    );
    if (finished) return events;
    if (Date.now() > deadline)
      throw new Error(`no liveness-complete within ${timeoutMs} ms; events: ${JSON.stringify(events)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function detailOf(
  events: WidgetEvent[],
  type: (typeof EVENT_NAMES)[number],
): Record<string, unknown> | undefined {
  return events.find((event) => event.type === type)?.detail;
}
