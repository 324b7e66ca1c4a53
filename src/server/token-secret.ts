/**
 * The capture-token signing secret, generated once and kept in the data dir when LIVENESS_TOKEN_SECRET is unset,
 * so tokens already handed to browsers stay valid across a restart.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_SECRET_FILE = 'token-secret';
export const MIN_TOKEN_SECRET_BYTES = 32;

export function readOrCreateTokenSecret(dataDir: string): string {
  const path = join(dataDir, TOKEN_SECRET_FILE);
  const existing = readIfPresent(path);
  if (existing !== null) {
    const secret = existing.trim();
    if (Buffer.byteLength(secret) < MIN_TOKEN_SECRET_BYTES) {
      throw new Error(
        `${path} holds a token secret shorter than ${MIN_TOKEN_SECRET_BYTES} bytes; delete it to regenerate`,
      );
    }
    return secret;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  // Written to a temporary name and renamed so a crash never leaves a half-written secret behind.
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, `${secret}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  return secret;
}

function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
