/**
 * Oz API version arithmetic. Behaviour differs by server version (§1.3 shot sets, §1.6 legacy scores, §1.11 #3),
 * so both the adapter and the sandbox emulator compare versions the same way.
 */

/** Parses "4.0.8", "5.2", "6.0.1-rc1" into numeric parts; throws on anything without a leading number. */
export function parseApiVersion(version: string): number[] {
  const match = /^\s*v?(\d+(?:\.\d+)*)/.exec(version);
  if (!match?.[1]) throw new Error(`Invalid Oz API version "${version}"`);
  return match[1].split('.').map(Number);
}

/** Negative when a < b, zero when equal (missing parts count as 0), positive when a > b. */
export function compareApiVersions(a: string, b: string): number {
  const left = parseApiVersion(a);
  const right = parseApiVersion(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Up to 4.0.8, Quality ignores plain images: a photo must travel as a one-image shot set (§1.3). */
export function qualityIgnoresPlainImages(apiVersion: string): boolean {
  return compareApiVersions(apiVersion, '5.0.0') < 0;
}
