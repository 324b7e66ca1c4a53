/**
 * The emulators test the adapters only if they share nothing with them: no version rules, parsers or schemas from
 * src/server (providers, upload validator, anything else). A shared bug would agree with itself.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SANDBOX = resolve(import.meta.dirname, '../../src/sandbox');
const SERVER = resolve(import.meta.dirname, '../../src/server');
// Vocabulary and plumbing both sides may share: scenario names and header (src/shared), the loopback serve() (src/node).
const SHARED = [resolve(import.meta.dirname, '../../src/shared'), resolve(import.meta.dirname, '../../src/node')];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return nested.flat().filter((file) => file.endsWith('.ts'));
}

describe('src/sandbox', () => {
  it('imports nothing from src/server, and only packages, src/shared, src/node or its own files otherwise', async () => {
    const files = await sourceFiles(SANDBOX);
    expect(files.length).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (!specifier!.startsWith('.')) continue;
        const target = resolve(file, '..', specifier!);
        const allowed = target.startsWith(SANDBOX) || SHARED.some((dir) => target.startsWith(dir + '/'));
        if (!allowed || target.startsWith(SERVER)) offending.push(`${relative(SANDBOX, file)} → ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
