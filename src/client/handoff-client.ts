/**
 * The handoff routes of the backend: the desktop mints a link and follows its session, the phone redeems the
 * code for its own capture token. Refusals become the widget's stable codes.
 */
import { LivenessError } from '../errors.js';
import type { HandoffCodeState } from '../shared/handoff.js';
import type { CheckStatus } from './backend-client.js';
import { endpointUrl } from './endpoint.js';

export interface HandoffLink {
  code: string;
  url: string;
  /** ISO 8601. */
  expiresAt: string;
}

export interface HandoffToken {
  sessionId: string;
  captureToken: string;
  expiresAt: string;
}

export async function createHandoff(endpoint: string, token: string, signal?: AbortSignal): Promise<HandoffLink> {
  const response = await request(endpointUrl(endpoint, 'handoffs'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    signal: signal ?? null,
  });
  return (await response.json()) as HandoffLink;
}

export async function exchangeHandoff(endpoint: string, code: string, signal?: AbortSignal): Promise<HandoffToken> {
  const response = await request(endpointUrl(endpoint, 'handoffs/exchange'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
    signal: signal ?? null,
  });
  return (await response.json()) as HandoffToken;
}

export interface HandoffStatus {
  /** The session's latest code: still waiting, redeemed by the phone, or expired unused; null before the first. */
  code: HandoffCodeState | null;
  /** The check the phone uploaded on this session, or null while there is none. */
  check: CheckStatus | null;
}

export async function fetchHandoffStatus(
  endpoint: string,
  token: string,
  signal?: AbortSignal,
): Promise<HandoffStatus> {
  const response = await request(endpointUrl(endpoint, 'handoffs/status'), {
    headers: { Authorization: `Bearer ${token}` },
    signal: signal ?? null,
    cache: 'no-store',
  });
  return (await response.json()) as HandoffStatus;
}

async function request(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new LivenessError('network', 'The backend could not be reached.', true, { cause: error });
  }
  if (response.ok) return response;
  let code = '';
  let message = `The backend answered ${response.status}.`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? '';
    message = body.error?.message ?? message;
  } catch {
    // Not JSON: the status alone decides.
  }
  if (code === 'handoff-used') return Promise.reject(new LivenessError('handoff-used', message, false));
  if (code === 'handoff-expired') return Promise.reject(new LivenessError('handoff-expired', message, false));
  if (code === 'token-expired') return Promise.reject(new LivenessError('token-expired', message, false));
  if (response.status === 401 || response.status === 403) {
    return Promise.reject(new LivenessError('token-rejected', message, false));
  }
  return Promise.reject(new LivenessError('network', message));
}
