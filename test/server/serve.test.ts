/** The one listen-and-close helper: binds loopback, refuses a taken port, and closes with idle keep-alive sockets open. */
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serve } from '../../src/node/serve.js';
import { formatIssues } from '../../src/shared/zod.js';

describe('serve()', () => {
  it('answers on a free loopback port and reports its URL', async () => {
    const server = await serve(() => new Response('hello'));
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.port).toBeGreaterThan(0);
      expect(await (await fetch(server.url)).text()).toBe('hello');
    } finally {
      await server.close();
    }
  });

  it('rejects when the port is taken instead of hanging', async () => {
    const first = await serve(() => new Response('first'));
    try {
      await expect(serve(() => new Response('second'), { port: first.port })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.close();
    }
  });

  it('closes while a keep-alive connection is idle', async () => {
    const server = await serve(() => new Response('kept'));
    const agent = new Agent({ keepAlive: true });
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const sent = request(server.url, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      });
      sent.on('error', reject);
      sent.end();
    });
    expect(status).toBe(200);
    // The agent keeps its socket open; without closeAllConnections() this would wait for the keep-alive timeout.
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow();
    agent.destroy();
  });
});

describe('formatIssues()', () => {
  it('names the path of every problem and the subject for a problem at the root', () => {
    const schema = z.strictObject({ name: z.string(), tags: z.array(z.enum(['a', 'b'])) });
    const nested = schema.safeParse({ name: 1, tags: ['c'] });
    const root = schema.safeParse('text');
    expect(nested.success || root.success).toBe(false);
    if (nested.success || root.success) return;
    expect(formatIssues(nested.error, 'body')).toMatch(/^name: .+; tags\.0: .+$/);
    expect(formatIssues(root.error, 'body')).toMatch(/^body: /);
  });
});
