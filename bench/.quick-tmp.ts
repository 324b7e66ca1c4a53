// Quick profile harness: embedded store only, one upload phase. Run with tsx from the worktree.
import { randomBytes } from 'node:crypto';
import { startKairosEmulator } from '/work/wt/perf9/src/sandbox/kairos-emulator.js';
import { startOzEmulator } from '/work/wt/perf9/src/sandbox/oz-emulator.js';
import { startBackendProcess } from '/work/wt/perf9/bench/backend/backend-process-handle.js';
import { makeBenchShotset, uploadBody } from '/work/wt/perf9/bench/backend/shotset.js';
import { createTokens, runUploadPhase } from '/work/wt/perf9/bench/backend/upload-load.js';
import { freePort } from '/work/wt/perf9/src/node/serve.js';
import { mkdtemp } from 'node:fs/promises';
const n = Number(process.env.N ?? 300), c = Number(process.env.C ?? 32);
const oz = await startOzEmulator({ analysisMs: 0, autoFinishMs: 0 });
const kairos = await startKairosEmulator({ slowResponseMs: 0 });
const port = await freePort();
const env: Record<string, string> = {
  NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), LIVENESS_API_KEY: randomBytes(24).toString('base64url'),
  LIVENESS_TOKEN_SECRET: randomBytes(48).toString('base64url'), LIVENESS_PROVIDERS: 'oz,kairos', LIVENESS_POLICY: 'all',
  LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE: '100000000', LIVENESS_RATE_LIMIT_SESSION_PER_MINUTE: '100000000',
  OZ_API_URL: oz.url, OZ_LOGIN: oz.credentials.login, OZ_PASSWORD: oz.credentials.password,
  KAIROS_API_URL: `${kairos.url}/v0.2`, KAIROS_APP_ID: kairos.credentials.appId, KAIROS_APP_KEY: kairos.credentials.appKey,
  OZ_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/oz`, PATH: process.env.PATH ?? '',
  ...(process.env.DB ? { LIVENESS_DATABASE_URL: process.env.DB } : { LIVENESS_DATA_DIR: await mkdtemp('/tmp/perf9/data-') }),
};
const backend = await startBackendProcess(env);
const shotset = await makeBenchShotset();
const { body, contentType } = await uploadBody(shotset);
for (const round of [0, 1]) {
  const tokens = await createTokens([backend.url], backend.apiKey, n);
  await backend.phaseStart();
  const run = await runUploadPhase({ urls: [backend.url], body, contentType, tokens }, c);
  await Promise.all(run.checkIds.map((id) => backend.completion(id, 120_000)));
  const usage = await backend.phaseEnd();
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  console.log(`round ${round}: ${JSON.stringify(run.statuses)} ${(n / run.wallMs * 1000).toFixed(0)}/s p50 ${sorted[Math.floor(n / 2)]!.toFixed(0)} p99 ${sorted[Math.floor(n * 0.99)]!.toFixed(0)} cpu/upload ${(usage.cpuMs / n).toFixed(1)} ms (incl. processing)`);
}
await backend.close(); await oz.close(); await kairos.close();
process.exit(0);
