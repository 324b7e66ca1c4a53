/** A loopback webhook receiver for tests: records every delivery and answers from a script of replies. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  /** The body exactly as received, for signature checks. */
  rawBody: string;
}

/** A status code to answer with, or `hang` to never answer (the sender's timeout must cut it). */
export type Reply = number | 'hang';

export interface WebhookReceiver {
  url: string;
  deliveries: ReceivedDelivery[];
  /** Replies for the next deliveries, in order; once used up, every delivery gets `fallback`. */
  script(replies: Reply[], fallback?: Reply): void;
  /** Resolves once `count` deliveries have arrived. */
  waitFor(count: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  let replies: Reply[] = [];
  let fallback: Reply = 200;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      for (const waiter of waiters.filter((candidate) => deliveries.length >= candidate.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const reply = replies.shift() ?? fallback;
      if (reply === 'hang') return;
      response.writeHead(reply, reply >= 300 && reply < 400 ? { location: 'http://127.0.0.1:9/elsewhere' } : {});
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/liveness`,
    deliveries,
    script(next, otherwise = 200) {
      replies = [...next];
      fallback = otherwise;
    },
    waitFor(count) {
      if (deliveries.length >= count) return Promise.resolve(deliveries.slice());
      return new Promise((resolve) => waiters.push({ count, resolve: () => resolve(deliveries.slice()) }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
