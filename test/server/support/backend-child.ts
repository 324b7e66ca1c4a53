/**
 * The backend as its own process, for restart.test.ts: `startLivenessBackend` with the environment it is given,
 * its URL reported over IPC. The test kills it with SIGKILL, a real crash: nothing gets to close or flush.
 *
 * argv[2] (optional): JSON `{ "webhookRetryMs": n }` to retry webhooks after n ms instead of the production delays.
 */
import { startLivenessBackend } from '../../../src/server/node.js';

const options = JSON.parse(process.argv[2] ?? '{}') as { webhookRetryMs?: number };
const running = await startLivenessBackend({
  port: 0,
  host: '127.0.0.1',
  ...(options.webhookRetryMs
    ? { webhook: { retryBaseDelayMs: options.webhookRetryMs, retryMaxDelayMs: options.webhookRetryMs } }
    : {}),
});
process.send?.({ type: 'listening', url: running.url, apiKey: running.apiKey });
process.once('SIGTERM', () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
