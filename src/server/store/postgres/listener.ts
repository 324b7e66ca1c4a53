import pg from 'pg';
import { describeError, type Logger } from '../../log.js';
import type { ClusterTopic } from '../types.js';

export const CHANNELS: Record<ClusterTopic, string> = {
  'work-released': 'liveness_work_released',
  'provider-hint': 'liveness_provider_hint',
};
const LISTEN_RETRY_MS = 1_000;

/**
 * One dedicated connection that LISTENs on the cluster channels, reconnecting after the database went away. While
 * it is down, notifications are lost: every user of them also polls, so that only costs latency.
 */
export class NotificationListener {
  readonly #url: string;
  readonly #logger: Logger;
  readonly #handlers = new Map<string, Set<(payload: string) => void>>();
  #client: pg.Client | null = null;
  #stopped = false;
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(url: string, logger: Logger) {
    this.#url = url;
    this.#logger = logger;
  }

  start(): void {
    void this.#connect();
  }

  subscribe(channel: string, handler: (payload: string) => void): () => void {
    const handlers = this.#handlers.get(channel) ?? new Set();
    handlers.add(handler);
    this.#handlers.set(channel, handlers);
    return () => handlers.delete(handler);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({ connectionString: this.#url, application_name: 'liveness-backend-listener' });
    let failed = false;
    const reconnect = (error?: unknown): void => {
      if (failed) return;
      failed = true;
      if (this.#client === client) this.#client = null;
      client.end().catch(() => undefined);
      if (this.#stopped) return;
      if (error) this.#logger.warn('database-listener-lost', { error: describeError(error) });
      this.#retry = setTimeout(() => void this.#connect(), LISTEN_RETRY_MS);
      this.#retry.unref();
    };
    client.on('error', reconnect);
    client.on('end', () => reconnect());
    client.on('notification', (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? []) {
        try {
          handler(message.payload ?? '');
        } catch (error) {
          this.#logger.error('notification-handler-failed', { channel: message.channel, error: describeError(error) });
        }
      }
    });
    try {
      await client.connect();
      for (const channel of Object.values(CHANNELS)) await client.query(`LISTEN ${channel}`);
      if (this.#stopped) {
        await client.end();
        return;
      }
      this.#client = client;
    } catch (error) {
      reconnect(error);
    }
  }
}
