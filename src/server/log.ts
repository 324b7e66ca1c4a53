/**
 * Structured logging. Callers pass ids, counts and timings only: never media, tokens, API keys or provider
 * credentials (the request logger and the processor are written to that rule; keep it when adding fields).
 */

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** One JSON object per line, written through `write` (stderr by default in node.ts). */
export function createJsonLogger(write: (line: string) => void): Logger {
  const emit = (level: string, event: string, fields: LogFields = {}): void => {
    write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  };
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The class name and message of an unexpected error, safe to log (no stack with request data). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
