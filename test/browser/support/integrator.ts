/** The integrator's server as the tests' middleware plays it: create a session, read the verdict. */
import { expect } from '@esm-bundle/chai';

export interface IntegratorSession {
  sessionId: string;
  captureToken: string;
  expiresAt: string;
}

export interface ProviderResult {
  provider: string;
  sandbox: boolean;
  status: string;
  decision: string;
  score: number;
  ids: Record<string, string>;
}

export interface SessionResult {
  status: string;
  decision: string;
  providers: ProviderResult[];
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  expect(response.status, `${path} answered ${response.status}`).to.be.lessThan(300);
  return (await response.json()) as T;
}

/** The backend's URL and a fresh session with its single-use capture token. */
export async function newSession(): Promise<{ endpoint: string; session: IntegratorSession }> {
  const { endpoint } = await call<{ endpoint: string }>('/integrator/config');
  const session = await call<IntegratorSession>('/integrator/session', { method: 'POST' });
  return { endpoint, session };
}

export function readResult(sessionId: string): Promise<SessionResult> {
  return call<SessionResult>(`/integrator/result/${sessionId}`);
}

/** Both sandbox providers finished the check and the session is done. */
export function expectBothProvidersDone(result: SessionResult): void {
  expect(result.status).to.equal('done');
  expect(result.providers.map((p) => p.provider).sort()).to.deep.equal(['kairos', 'oz']);
  for (const provider of result.providers) {
    expect(provider.sandbox, `${provider.provider} ran against its sandbox`).to.equal(true);
    expect(provider.status, `${provider.provider} status`).to.equal('done');
    expect(provider.score).to.be.within(0, 1);
  }
}
