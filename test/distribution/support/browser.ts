/**
 * Debian Chromium driven by playwright-core, with the fake camera playing a fixture clip. DNS resolves nothing but
 * loopback, so a request to any third party fails fast instead of leaving the machine, and still shows up in the
 * recorded requests for the tests to reject.
 */
import { chromium, type Browser } from 'playwright-core';
import { ensureClip, type ClipName } from '../../support/clips.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(clip: ClipName = 'good'): Promise<Browser> {
  const video = await ensureClip(clip);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
      '--host-resolver-rules=MAP localhost 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}
