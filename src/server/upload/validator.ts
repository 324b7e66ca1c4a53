/**
 * Runs upload validation without blocking the event loop. Decoding a 30-frame shotset takes about a second of
 * CPU; on the main thread that second would stall every other request, provider poll and timer. The work goes to
 * a small pool of worker threads instead, started on first use and stopped by close(). `workers: 0` keeps it on
 * the main thread (same results, for runtimes without worker threads).
 *
 * The answers are exactly those of validateUpload / restoreCheckMedia: a refusal keeps its code and message.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckMedia } from '../providers/types.js';
import type { CheckMediaInfo } from '../store/types.js';
import { deserializeError, type ValidationRequest, type ValidationResponse } from './validation-protocol.js';
import { restoreCheckMedia, validateUpload, type UploadParts, type ValidatedUpload } from './validate.js';

export interface UploadValidator {
  validate(parts: UploadParts): Promise<ValidatedUpload>;
  /** Rebuilds the CheckMedia of a stored check (a resumed shotset is unzipped and decoded again). */
  restore(info: CheckMediaInfo, bytes: Uint8Array, selfieJpeg: Uint8Array): Promise<CheckMedia>;
  /** Tasks run so far and worker threads alive (for tests and diagnostics). */
  stats(): { tasks: number; workers: number };
  close(): Promise<void>;
}

export function createUploadValidator(options: { workers: number }): UploadValidator {
  return options.workers > 0 ? new WorkerPoolValidator(options.workers) : inlineValidator();
}

function inlineValidator(): UploadValidator {
  let tasks = 0;
  return {
    validate: async (parts) => {
      tasks += 1;
      return validateUpload(parts);
    },
    restore: async (info, bytes, selfieJpeg) => {
      tasks += 1;
      return restoreCheckMedia(info, bytes, selfieJpeg);
    },
    stats: () => ({ tasks, workers: 0 }),
    close: async () => undefined,
  };
}

type Request = DistributiveOmit<ValidationRequest, 'id'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Task {
  id: number;
  request: Request;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface PoolWorker {
  worker: Worker;
  task: Task | null;
}

class WorkerPoolValidator implements UploadValidator {
  readonly #size: number;
  readonly #workers = new Set<PoolWorker>();
  readonly #queue: Task[] = [];
  #nextId = 1;
  #tasks = 0;
  #closed = false;

  constructor(size: number) {
    this.#size = size;
  }

  validate(parts: UploadParts): Promise<ValidatedUpload> {
    return this.#run<ValidatedUpload>({ task: 'validate', parts });
  }

  restore(info: CheckMediaInfo, bytes: Uint8Array, selfieJpeg: Uint8Array): Promise<CheckMedia> {
    return this.#run<CheckMedia>({ task: 'restore', info, bytes, selfieJpeg });
  }

  stats(): { tasks: number; workers: number } {
    return { tasks: this.#tasks, workers: this.#workers.size };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new Error('the upload validator is closed'));
    const workers = [...this.#workers];
    this.#workers.clear();
    for (const { task } of workers) task?.reject(new Error('the upload validator is closed'));
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  #run<T>(request: Request): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the upload validator is closed'));
    this.#tasks += 1;
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, request, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const idle = [...this.#workers].find((candidate) => candidate.task === null) ?? this.#spawnIfRoom();
      if (!idle) return;
      const task = this.#queue.shift()!;
      idle.task = task;
      // Referenced only while busy: an idle pool must not keep the process alive.
      idle.worker.ref();
      idle.worker.postMessage({ id: task.id, ...task.request } satisfies ValidationRequest);
    }
  }

  #spawnIfRoom(): PoolWorker | undefined {
    if (this.#workers.size >= this.#size) return undefined;
    const entry: PoolWorker = { worker: spawnValidationWorker(), task: null };
    entry.worker.on('message', (response: ValidationResponse) => {
      const task = entry.task;
      if (!task || task.id !== response.id) return;
      entry.task = null;
      entry.worker.unref();
      if (response.ok) task.resolve(response.value);
      else task.reject(deserializeError(response.error));
      this.#dispatch();
    });
    // A worker that dies (out of memory on a hostile image, a bug) fails its own task only; the next task gets a
    // fresh worker.
    const retire = (reason: Error): void => {
      if (!this.#workers.delete(entry)) return;
      entry.task?.reject(reason);
      entry.task = null;
      this.#dispatch();
    };
    entry.worker.on('error', (error) => retire(new Error(`the upload validation worker failed: ${error.message}`)));
    entry.worker.on('exit', (code) => retire(new Error(`the upload validation worker exited (code ${code})`)));
    this.#workers.add(entry);
    return entry;
  }
}

/**
 * Compiled, the worker is the sibling .js file. Run from TypeScript source (tsx, vitest), a worker thread does not
 * inherit the parent's TypeScript loader, so it registers tsx (a dev dependency, present wherever sources run)
 * before importing the .ts entry.
 */
function spawnValidationWorker(): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./validation-worker.js', self));
  const tsxApi = resolveEsm('tsx/esm/api', self);
  const entry = new URL('./validation-worker.ts', self).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** The ESM entry of a package export, resolved from `parent` (import.meta.resolve is not available everywhere). */
function resolveEsm(specifier: string, parent: string): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve(specifier);
  // require.resolve picks the "require" condition (index.cjs); the "import" one sits beside it as index.mjs.
  return pathToFileURL(createRequire(parent).resolve(specifier).replace(/\.cjs$/, '.mjs')).href;
}
