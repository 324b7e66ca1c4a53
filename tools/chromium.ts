/**
 * Debian's Chromium (never a downloaded build) and the flags every browser run of this project launches it with:
 * the browser tests, the distribution tests, the detector probe and the benchmarks.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a machine without network access or GPU (Playwright adds --headless itself). */
export const CHROMIUM_BASE_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium keeps calling Google's services, which a closed network refuses many times over.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium's fake camera plays the y4m clip in a loop, and the permission prompt is accepted. */
export function fakeCameraArgs(clipPath: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${clipPath}`,
  ];
}

/** Only loopback resolves, so a request to a third party fails at once (and is still recorded) instead of leaving. */
export const LOOPBACK_ONLY_DNS = '--host-resolver-rules=MAP localhost 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
