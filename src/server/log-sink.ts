/**
 * Where the standalone server's JSON lines go: stderr, in one write per turn of the event loop. Writes to a pipe
 * or file are synchronous in Node, so a line per write costs a system call per log line (several per request);
 * lines logged in the same turn share one. What is still buffered when the process exits is written then.
 * One buffer per process, shared by every backend started in it, so lines keep their order.
 */
import { writeSync } from 'node:fs';

let buffered: string[] = [];
let scheduled = false;
let exitHook = false;

/** Writes what is buffered now (before writing to stderr directly, so lines stay in order). */
export function flushStderrLines(): void {
  scheduled = false;
  if (buffered.length === 0) return;
  const text = `${buffered.join('\n')}\n`;
  buffered = [];
  process.stderr.write(text);
}

export function stderrLineWriter(): (line: string) => void {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      if (buffered.length === 0) return;
      try {
        writeSync(2, `${buffered.join('\n')}\n`);
      } catch {
        // Nowhere left to report it.
      }
      buffered = [];
    });
  }
  return (line) => {
    buffered.push(line);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flushStderrLines);
    }
  };
}
