/**
 * @module
 * Runs probe-page.js in a fresh headless Chromium whose fake camera plays `clipPath`, and returns the validated
 * per-frame detections and stats.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH, fakeCameraArgs } from '../../../tools/chromium.js';
import { probeResultSchema, type ProbeSample } from './measure.js';

const PAGE_PATH = '/test/support/detect-probe/index.html';
const PROBE_TIMEOUT_MS = 90_000;

/** @param origin where run-probe.ts serves the repository root */
export async function probeClip(
  origin: string,
  clipPath: string,
  samples: number,
  minConfidence = 0.3,
): Promise<ProbeSample[]> {
  // A fresh profile per launch: nothing (permissions, caches) carries over between clips.
  const userDataDir = await mkdtemp(join(tmpdir(), 'detect-probe-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_BASE_ARGS, ...fakeCameraArgs(clipPath)],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}${PAGE_PATH}?samples=${samples}&minConfidence=${minConfidence}`);
    const readResult = (): unknown => (window as unknown as { __probeResult?: unknown }).__probeResult;
    const handle = await page.waitForFunction(readResult, null, { timeout: PROBE_TIMEOUT_MS });
    const result = probeResultSchema.parse(await handle.jsonValue());
    if (!result.ok) throw new Error(`probe page failed: ${result.error}\n${pageErrors.join('\n')}`);
    return result.samples;
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}
