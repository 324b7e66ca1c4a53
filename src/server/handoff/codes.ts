/** Minting handoff codes: 128 random bits, base64url, stored only as a hash. */
import { createHash, randomBytes } from 'node:crypto';

const CODE_BYTES = 16;
/** What a code looks like (22 base64url characters); anything else is refused before the store is asked. */
export const HANDOFF_CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function mintHandoffCode(): string {
  return randomBytes(CODE_BYTES).toString('base64url');
}

export function hashHandoffCode(code: string): string {
  return createHash('sha256').update(code).digest('base64url');
}

/**
 * The link the phone opens: LIVENESS_HANDOFF_URL with `{code}` (and optionally `{endpoint}`) filled in, or the
 * backend's own capture page.
 */
export function handoffUrl(code: string, options: { template: string | null; backendBase: string }): string {
  const base = options.backendBase.replace(/\/+$/, '');
  if (!options.template) return `${base}/handoff/${code}`;
  return options.template
    .replaceAll('{code}', encodeURIComponent(code))
    .replaceAll('{endpoint}', encodeURIComponent(base));
}
