/**
 * Which media the backend's providers accept, read while the camera opens in video mode. Apart from the upload
 * client (backend-client.ts) because it runs before the first guidance and the upload only after it.
 */
import type { CaptureOptions } from '../shared/media.js';
import { endpointUrl } from './endpoint.js';

/** A slow answer must not hold the capture: without it every recordable type is tried, as before. */
const CAPTURE_OPTIONS_TIMEOUT_MS = 4_000;

/**
 * What media the backend's providers accept (`GET /capture-options`; the token is not used up). Null when it
 * cannot be read (network, an older backend, a refusal): the caller then assumes every type is accepted and lets
 * POST /checks judge.
 */
export async function fetchCaptureOptions(
  endpoint: string,
  token: string,
  signal?: AbortSignal,
): Promise<CaptureOptions | null> {
  // By hand: AbortSignal.timeout and AbortSignal.any are newer than the browsers the README promises.
  const request = new AbortController();
  const timer = setTimeout(() => request.abort(), CAPTURE_OPTIONS_TIMEOUT_MS);
  signal?.addEventListener('abort', () => request.abort(), { once: true });
  try {
    const response = await fetch(endpointUrl(endpoint, 'capture-options'), {
      headers: { Authorization: `Bearer ${token}` },
      signal: request.signal,
      credentials: 'omit',
    });
    const body = (await response.json()) as CaptureOptions;
    return response.ok && Array.isArray(body.clipTypes) ? body : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
