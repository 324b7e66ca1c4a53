/**
 * The upload load generator: `POST /checks` with one prepared body and a fresh capture token per request, a fixed
 * number in flight, over keep-alive `node:http` connections (lighter than fetch, so the client takes less of the
 * machine from the server it measures). The floor server gets exactly the same requests from the same code.
 */
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';

export interface UploadTarget {
  /** Base URLs; requests go round-robin across them (two backend instances on one database). */
  urls: string[];
  body: Uint8Array;
  contentType: string;
  /** One bearer token per request (used once each); the floor server takes any. */
  tokens: string[];
}

export interface UploadPhaseRun {
  concurrency: number;
  /** Per request, milliseconds from sending to the full response. */
  latenciesMs: number[];
  wallMs: number;
  statuses: Record<string, number>;
  /** The checkIds of the accepted uploads (the floor server answers none). */
  checkIds: string[];
  /** The first unexpected response, for the error message. */
  firstFailure: string | null;
}

/** Runs `target.tokens.length` uploads keeping `concurrency` in flight. */
export async function runUploadPhase(target: UploadTarget, concurrency: number): Promise<UploadPhaseRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const checkIds: string[] = [];
  let firstFailure: string | null = null;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < target.tokens.length) {
      const index = next++;
      const url = target.urls[index % target.urls.length]!;
      const sent = performance.now();
      // A connection the server closed without an answer is counted (as status 0) rather than thrown, so the
      // phase's failure message shows it beside the statuses that did arrive.
      const { status, text } = await post(agent, `${url}/checks`, target, target.tokens[index]!).catch(
        (error: unknown) => ({
          status: 0,
          text: `no answer: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
      latenciesMs.push(performance.now() - sent);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (status !== 202 && firstFailure === null) firstFailure = `${status} ${text.slice(0, 300)}`;
      if (status === 202) {
        const checkId = (JSON.parse(text) as { checkId?: unknown }).checkId;
        if (typeof checkId === 'string') checkIds.push(checkId);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, target.tokens.length) }, worker));
  } finally {
    agent.destroy();
  }
  return { concurrency, latenciesMs, wallMs: performance.now() - started, statuses, checkIds, firstFailure };
}

function post(
  agent: Agent,
  url: string,
  target: UploadTarget,
  token: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': target.contentType,
          'content-length': String(target.body.length),
          'idempotency-key': randomUUID(),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(target.body);
  });
}

/** Capture tokens for `count` uploads: one session each, created before the timed phase. */
export async function createTokens(urls: string[], apiKey: string, count: number): Promise<string[]> {
  const tokens: string[] = new Array<string>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const response = await fetch(`${urls[index % urls.length]}/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reference: `bench-${randomUUID()}` }),
      });
      if (response.status !== 201)
        throw new Error(
          `POST /sessions: expected 201, got ${response.status} ${(await response.text()).slice(0, 200)}`,
        );
      const session = (await response.json()) as { captureToken?: unknown };
      if (typeof session.captureToken !== 'string') throw new Error('POST /sessions answered no captureToken');
      tokens[index] = session.captureToken;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return tokens;
}
