/**
 * OZ_API_VERSION is checked at start-up so a typo fails fast. The adapter no longer changes its requests by
 * version: a photo travels as a one-image shot set on every version, the one path documented throughout.
 */

/** Parses "4.0.8", "5.2", "6.0.1-rc1" into numeric parts; throws on anything without a leading number. */
export function parseApiVersion(version: string): number[] {
  const match = /^\s*v?(\d+(?:\.\d+)*)/.exec(version);
  if (!match?.[1]) throw new Error(`Invalid Oz API version "${version}"`);
  return match[1].split('.').map(Number);
}
