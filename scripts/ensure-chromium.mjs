// Runs before the browser tests. They drive Debian's Chromium (never a downloaded browser build). On a fresh
// Debian/Ubuntu machine where we are root (CI, containers) it is installed with apt-get; anywhere else we stop
// with the exact instruction, so `npm test` stays the one command that runs every test.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function hasAptGet() {
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!existsSync(chromium)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.env.CHROMIUM_PATH || !isRoot || !hasAptGet()) {
    console.error(
      `Chromium not found at ${chromium}. Install Debian's chromium package (sudo apt-get install -y chromium)` +
        ' or point CHROMIUM_PATH at a Chromium/Chrome binary, then run npm test again.',
    );
    process.exit(1);
  }
  console.log('Installing Debian chromium for the browser tests (apt-get install chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
