/** Launches Debian's Chromium (never a downloaded build) headless, with the fake camera playing a y4m clip. */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import {
  CHROMIUM_BASE_ARGS,
  CHROMIUM_PATH as DEFAULT_CHROMIUM_PATH,
  fakeCameraArgs,
  LOOPBACK_ONLY_DNS,
} from '../../tools/chromium.js';

export const CHROMIUM_PATH = process.env.BENCH_CHROMIUM ?? DEFAULT_CHROMIUM_PATH;

/** The flags the bench launches Chromium with (Playwright adds --headless). */
export function chromiumArgs(clipPath: string): string[] {
  // Nothing but loopback resolves, so a page that calls home fails locally at once; the bench records such
  // requests in the report.
  return [...CHROMIUM_BASE_ARGS, ...fakeCameraArgs(clipPath), LOOPBACK_ONLY_DNS];
}

export async function assertChromium(): Promise<void> {
  try {
    await access(CHROMIUM_PATH);
  } catch {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium package, or set BENCH_CHROMIUM)`,
    );
  }
}

export async function launchChromium(clipPath: string): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs(clipPath) });
}

/** A browser with an on-disk profile, so the HTTP cache behaves like a returning visitor's (the warm-cache runs). */
export async function launchPersistent(clipPath: string, profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(clipPath),
  });
}

export async function chromiumVersion(): Promise<string> {
  const { stdout } = await promisify(execFile)(CHROMIUM_PATH, ['--version']);
  return stdout.trim();
}
