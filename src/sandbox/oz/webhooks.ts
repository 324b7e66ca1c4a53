/**
 * Webhook delivery: when an analysis with a `resolution_endpoint` reaches its final status, the emulator POSTs the
 * analysis JSON there once (the real payload is undocumented, open question 1). The sandbox only calls loopback
 * addresses, so a misconfigured URL can never send traffic off the machine.
 */

export interface WebhookDelivery {
  url: string;
  analysisId: string;
  /** HTTP status of the receiver's answer; absent when the call failed or was skipped. */
  status?: number;
  error?: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') return false;
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  readonly #inFlight = new Set<Promise<void>>();

  constructor(private readonly requestTimeoutMs: number) {}

  send(url: string, analysisId: string, body: unknown): void {
    const delivery: WebhookDelivery = { url, analysisId };
    this.deliveries.push(delivery);
    if (!isLoopbackUrl(url)) {
      delivery.error = 'skipped: the sandbox only delivers to loopback addresses';
      return;
    }
    const task = fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.requestTimeoutMs),
    })
      .then(async (response) => {
        delivery.status = response.status;
        await response.body?.cancel();
      })
      .catch((error: unknown) => {
        delivery.error = error instanceof Error ? error.message : 'delivery failed';
      })
      .finally(() => this.#inFlight.delete(task));
    this.#inFlight.add(task);
  }

  /** Waits for deliveries still on the wire (used on close). */
  async drain(): Promise<void> {
    await Promise.all([...this.#inFlight]);
  }
}
