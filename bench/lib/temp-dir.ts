/**
 * Temporary folders that go away however the bench ends: removed by the caller on the normal path, and on
 * process exit otherwise (an interrupted run exits without unwinding its `finally` blocks).
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pending = new Set<string>();
let hooked = false;

export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

export async function makeTempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  pending.add(path);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const dir of pending) rmSync(dir, { recursive: true, force: true });
    });
  }
  return {
    path,
    async remove() {
      pending.delete(path);
      await rm(path, { recursive: true, force: true });
    },
  };
}
