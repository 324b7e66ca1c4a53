/**
 * @module
 * CLI: `npx tsx test/support/make-clips.ts [names…]` generates (or reuses) the fake-camera clips and prints one
 * `name<TAB>path` line per clip. Without names it builds every scenario.
 */
import { CLIP_NAMES, ensureClip, isClipName, type ClipName } from '../../tools/clips.js';

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((arg) => !isClipName(arg));
  if (unknown.length > 0) {
    process.stderr.write(`unknown clip name(s): ${unknown.join(', ')}\nknown: ${CLIP_NAMES.join(', ')}\n`);
    return 2;
  }
  const names: readonly ClipName[] = args.length > 0 ? args.filter(isClipName) : CLIP_NAMES;
  for (const name of names) process.stdout.write(`${name}\t${await ensureClip(name)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
