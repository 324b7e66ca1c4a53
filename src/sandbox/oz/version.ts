/**
 * The emulated server's version rules. Written here on purpose rather than imported from the Oz adapter: the
 * emulator checks the adapter, and a shared bug in a shared rule would agree with itself.
 */

/** "4.0.8" → [4, 0, 8]; "6.0.1-rc1" → [6, 0, 1]. Throws on a version without a leading number. */
export function versionParts(version: string): number[] {
  const match = /^\s*v?(\d+(?:\.\d+)*)/.exec(version);
  if (!match?.[1]) throw new Error(`Invalid Oz API version "${version}"`);
  return match[1].split('.').map(Number);
}

/** True when `version` is `minimum` or later (missing parts count as 0). */
export function atLeast(version: string, minimum: string): boolean {
  const have = versionParts(version);
  const want = versionParts(minimum);
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    const diff = (have[i] ?? 0) - (want[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}
