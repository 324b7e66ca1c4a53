/**
 * The two engines beside Chromium, each through the driver that works with Debian's build: Firefox ESR through
 * puppeteer-core over WebDriver BiDi (headed: headless Firefox has no WebGL here), WebKitGTK's MiniBrowser through
 * WebKitWebDriver. Both need an X display (the suite runs under `xvfb-run`) and offer a fake camera that shows a
 * synthetic pattern, not a face.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { Builder, type WebDriver } from 'selenium-webdriver';
import { freePort } from '../../../src/node/serve.js';

export const FIREFOX_PATH = '/usr/lib/firefox-esr/firefox-esr';
export const WEBKIT_DRIVER_PATH = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export type EngineName = 'firefox' | 'webkit';

/** One open page in an engine: navigate, and run an async script body in the page (CSP does not apply to it). */
export interface EnginePage {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  /** Runs `body` (the body of an async function, may `return` a JSON value) and resolves with its result. */
  run<T>(body: string): Promise<T>;
  close(): Promise<void>;
}

export function engineAvailable(engine: EngineName): boolean {
  return engine === 'firefox'
    ? existsSync(FIREFOX_PATH)
    : existsSync(WEBKIT_DRIVER_PATH) && existsSync(MINIBROWSER_PATH);
}

export async function openEngine(engine: EngineName, options: { webglInWorkers?: boolean } = {}): Promise<EnginePage> {
  return engine === 'firefox' ? openFirefox() : openWebKit(options.webglInWorkers ?? false);
}

async function openFirefox(): Promise<EnginePage> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: false,
    extraPrefsFirefox: {
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
    },
  });
  const page = await browser.newPage();
  return {
    engine: 'firefox',
    goto: async (url) => void (await page.goto(url)),
    run: async <T>(body: string) => (await page.evaluate(`(async () => { ${body} })()`)) as T,
    close: () => browser.close(),
  };
}

async function waitForDriver(port: number, process: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${process.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not start');
}

async function openWebKit(webglInWorkers: boolean): Promise<EnginePage> {
  const port = await freePort();
  const driverProcess = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], { stdio: 'ignore' });
  let driver: WebDriver;
  try {
    await waitForDriver(port, driverProcess);
    const args = [
      '--automation',
      '--enable-media-stream=true',
      '--enable-mock-capture-devices=true',
      '--enable-webrtc=true',
    ];
    if (webglInWorkers) args.push('--features=+AllowWebGLInWorkers');
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args },
      })
      .build();
    await driver.manage().setTimeouts({ script: 120_000, pageLoad: 60_000 });
  } catch (error) {
    driverProcess.kill();
    throw error;
  }
  return {
    engine: 'webkit',
    goto: (url) => driver.get(url),
    run: async <T>(body: string) => {
      const result = await driver.executeAsyncScript<{ value?: T; error?: string }>(
        `const done = arguments[arguments.length - 1];
         (async () => { ${body} })().then((value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`,
      );
      if (result.error) throw new Error(result.error);
      return result.value as T;
    },
    close: async () => {
      await driver.quit().catch(() => undefined);
      driverProcess.kill();
    },
  };
}
