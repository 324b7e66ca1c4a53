// Browser tests: Debian Chromium driven by Playwright, with Chromium's fake camera fed a y4m clip generated from
// the test fixtures. Every clip needs its own browser launch (the flag is per process), so each test file is
// its own group named after its clip. The real backend and both sandbox emulators run on a second origin.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH, fakeCameraArgs } from './tools/chromium.ts';
import { CLIP_NAMES, ensureClip } from './tools/clips.ts';
import { startLivenessBackend } from './src/server/index.ts';

/** Each group: test files and the camera clip Chromium plays for them. */
// Every clip is made to trigger one check (or none: 'good') and has its own test file under test/browser/gates/.
const GATE_CLIPS = CLIP_NAMES;
const GROUPS = [
  { name: 'e2e', files: 'test/browser/e2e.browser.test.ts', clip: 'good' },
  ...GATE_CLIPS.map((clip) => ({ name: `gate-${clip}`, files: `test/browser/gates/${clip}.browser.test.ts`, clip })),
  { name: 'a11y', files: 'test/browser/a11y.browser.test.ts', clip: 'good' },
  { name: 'camera-faults', files: 'test/browser/camera-faults.browser.test.ts', clip: 'good' },
  { name: 'detector-faults', files: 'test/browser/detector-faults.browser.test.ts', clip: 'good' },
  { name: 'recorder-probe', files: 'test/browser/recorder-probe.browser.test.ts', clip: 'good' },
  { name: 'detector-chain', files: 'test/browser/detector-chain.browser.test.ts', clip: 'good' },
  { name: 'camera-switch', files: 'test/browser/camera-switch.browser.test.ts', clip: 'good' },
  { name: 'manual-capture', files: 'test/browser/manual-capture.browser.test.ts', clip: 'too-far' },
  {
    name: 'modes',
    files: ['test/browser/modes.browser.test.ts', 'test/browser/capture-session.browser.test.ts'],
    clip: 'good',
  },
  { name: 'theming', files: 'test/browser/theming.browser.test.ts', clip: 'too-far' },
  { name: 'i18n', files: 'test/browser/i18n.browser.test.ts', clip: 'too-far' },
  { name: 'upload-retry', files: 'test/browser/upload-retry.browser.test.ts', clip: 'good' },
  { name: 'telemetry', files: 'test/browser/telemetry.browser.test.ts', clip: 'good' },
  { name: 'voice-signals', files: 'test/browser/voice-signals.browser.test.ts', clip: 'good' },
  // A desktop without a camera: Chromium runs without its fake camera (clip null).
  { name: 'handoff', files: 'test/browser/handoff.browser.test.ts', clip: null },
  { name: 'face-landmarks', files: 'test/browser/face-landmarks.browser.test.ts', clip: 'eyes-closed' },
  { name: 'warm-up', files: 'test/browser/warm-up.browser.test.ts', clip: 'good' },
];
const only = process.env.WTR_GROUP;
const selectedGroups = only ? GROUPS.filter((g) => g.name === only || g.name.startsWith(`${only}`)) : GROUPS;

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const pageOrigin = `http://localhost:${port}`;
const backend = await startLivenessBackend({
  env: {
    ...process.env,
    LIVENESS_API_KEY: 'test-integrator-key',
    LIVENESS_ALLOWED_ORIGINS: pageOrigin,
    LIVENESS_DATA_DIR: mkdtempSync(join(tmpdir(), 'liveness-wtr-')),
    // Handoff links point at the test page's origin (the integrator's own mobile page), so a phone element on the
    // test page may redeem them; the backend's own capture page is tested in test/distribution/handoff.test.ts.
    LIVENESS_HANDOFF_URL: `${pageOrigin}/phone?code={code}&endpoint={endpoint}`,
    OZ_API_URL: '',
    KAIROS_API_URL: '',
  },
  port: 0,
  host: '127.0.0.1',
  log: false,
});
const clips = Object.fromEntries(
  await Promise.all(selectedGroups.map(async (g) => [g.name, g.clip === null ? null : await ensureClip(g.clip)])),
);

/**
 * Plays the integrator's server: the browser test asks it to create a session (with the API key, which never
 * reaches the page) and to read the verdict, exactly as an onboarding backend would.
 */
function integratorMiddleware() {
  return async (ctx, next) => {
    if (ctx.path === '/integrator/config') {
      ctx.body = { endpoint: backend.url };
      return;
    }
    if (ctx.path === '/integrator/session' && ctx.method === 'POST') {
      const response = await fetch(`${backend.url}/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${backend.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reference: 'wtr', allowedOrigins: [pageOrigin] }),
      });
      ctx.status = response.status;
      ctx.body = await response.json();
      return;
    }
    const result = /^\/integrator\/result\/([\w-]+)$/.exec(ctx.path);
    if (result) {
      const response = await fetch(`${backend.url}/sessions/${result[1]}/result`, {
        headers: { authorization: `Bearer ${backend.apiKey}` },
      });
      ctx.status = response.status;
      ctx.body = await response.json();
      return;
    }
    return next();
  };
}

/**
 * `/counted-assets/<run>/<file>` serves `/src/assets/<file>` and counts every request per run, so a test can prove
 * how many times the WASM and the model were fetched (the worker's requests are invisible to the page).
 * `/counted-assets-report/<run>` answers the counts. Never cached: every load must reach the server.
 */
const assetRequests = new Map();
function countedAssetsMiddleware() {
  return async (ctx, next) => {
    const report = /^\/counted-assets-report\/([\w-]+)$/.exec(ctx.path);
    if (report) {
      ctx.body = Object.fromEntries(assetRequests.get(report[1]) ?? []);
      return;
    }
    const asset = /^\/counted-assets\/([\w-]+)\/(.+)$/.exec(ctx.path);
    if (!asset) return next();
    const counts = assetRequests.get(asset[1]) ?? new Map();
    assetRequests.set(asset[1], counts);
    counts.set(asset[2], (counts.get(asset[2]) ?? 0) + 1);
    ctx.url = `/src/assets/${asset[2]}`;
    await next();
    ctx.set('cache-control', 'no-store');
    ctx.remove('etag');
    ctx.remove('last-modified');
  };
}

function chromium(clip) {
  return playwrightLauncher({
    product: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', ...CHROMIUM_BASE_ARGS, ...(clip === null ? [] : fakeCameraArgs(clip))],
    },
    createBrowserContext: ({ browser }) => browser.newContext({ permissions: clip === null ? [] : ['camera'] }),
  });
}

export default {
  port,
  hostname: 'localhost',
  nodeResolve: true,
  concurrentBrowsers: 1,
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 60_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  middleware: [integratorMiddleware(), countedAssetsMiddleware()],
  groups: selectedGroups.map((group) => ({
    name: group.name,
    files: group.files,
    browsers: [chromium(clips[group.name])],
  })),
  async stop() {
    await backend.close();
  },
};
