/**
 * Debian Chromium driven by playwright-core, with the fake camera playing a fixture clip. DNS resolves nothing but
 * loopback, so a request to any third party fails fast instead of leaving the machine, and still shows up in the
 * recorded requests for the tests to reject.
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH, fakeCameraArgs, LOOPBACK_ONLY_DNS } from '../../../tools/chromium.js';
import { ensureClip, type ClipName } from '../../../tools/clips.js';

export async function launchChromium(clip: ClipName = 'good'): Promise<Browser> {
  const video = await ensureClip(clip);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_BASE_ARGS, ...fakeCameraArgs(video), LOOPBACK_ONLY_DNS],
  });
}
