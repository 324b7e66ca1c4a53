/**
 * Runs upload validation without blocking the event loop. The pixels are decoded by libvips off any JavaScript
 * thread, but unzipping, CRC and end-marker scans and the sharpness loop are JavaScript: tens of milliseconds for a
 * 30-frame shotset, which on the main thread would stall every other request, provider poll and timer. That work
 * goes to a small pool of worker threads instead, started on first use and stopped by close(). `workers: 0` keeps
 * it on the main thread (same results, for runtimes without worker threads).
 *
 * The answers are exactly those of validateUpload / restoreCheckMedia: a refusal keeps its code and message.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckMedia } from '../providers/types.js';
import type { CheckMediaInfo } from '../store/types.js';
import {
  deserializeError,
  type ValidationRequest,
  type ValidationResponse,
  type WorkerReady,
} from './validation-protocol.js';
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
    validate: (parts) => {
      tasks += 1;
      return validateUpload(parts);
    },
    restore: (info, bytes, selfieJpeg) => {
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
  tasks: Map<number, Task>;
  /** Loaded and listening (it said so): only then does it get tasks. */
  ready: boolean;
}

/**
 * Tasks one worker runs at once. Decoding happens in libvips on the libuv thread pool, so a worker whose task
 * waits for its pixels can unzip and check the next upload meanwhile; a few in flight keep both the worker's thread
 * and the decoder threads busy without letting one worker hoard the queue.
 */
const TASKS_PER_WORKER = 4;

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
    for (const { tasks } of workers)
      for (const task of tasks.values()) task.reject(new Error('the upload validator is closed'));
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  #run<T>(request: Request): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the upload validator is closed'));
    this.#tasks += 1;
    // The whole pool starts on first use. A worker takes a while to load (seconds from TypeScript sources on a busy
    // machine): started one by one as the load grows, each would hold the tasks given to it meanwhile.
    while (this.#workers.size < this.#size) this.#spawn();
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, request, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const target = this.#pickWorker();
      if (!target) return;
      const task = this.#queue.shift()!;
      target.tasks.set(task.id, task);
      // Referenced only while busy: an idle pool must not keep the process alive.
      if (target.tasks.size === 1) target.worker.ref();
      // Copied, not moved: the caller's bytes stay usable (a moved buffer would be detached under its feet).
      target.worker.postMessage({ id: task.id, ...task.request } satisfies ValidationRequest);
    }
  }

  /** The least busy ready worker with a free slot (none while every worker is still loading). */
  #pickWorker(): PoolWorker | undefined {
    let least: PoolWorker | undefined;
    for (const candidate of this.#workers) {
      if (candidate.ready && (!least || candidate.tasks.size < least.tasks.size)) least = candidate;
    }
    return least && least.tasks.size < TASKS_PER_WORKER ? least : undefined;
  }

  #spawn(): PoolWorker {
    const entry: PoolWorker = { worker: spawnValidationWorker(), tasks: new Map(), ready: false };
    entry.worker.on('message', (response: ValidationResponse | WorkerReady) => {
      if ('ready' in response) {
        entry.ready = true;
        this.#dispatch();
        // It was started for queued work; idle, it must not keep the process alive.
        if (entry.tasks.size === 0) entry.worker.unref();
        return;
      }
      const task = entry.tasks.get(response.id);
      if (!task) return;
      entry.tasks.delete(response.id);
      if (entry.tasks.size === 0) entry.worker.unref();
      if (response.ok) task.resolve(response.value);
      else task.reject(deserializeError(response.error));
      this.#dispatch();
    });
    // A worker that dies (out of memory on a hostile image, a bug) fails its own tasks only; the next tasks get a
    // fresh worker.
    const retire = (reason: Error): void => {
      if (!this.#workers.delete(entry)) return;
      for (const task of entry.tasks.values()) task.reject(reason);
      entry.tasks.clear();
      // A worker that died while loading will not load next time either: fail what waits rather than loop.
      if (!entry.ready && ![...this.#workers].some((other) => other.ready)) {
        for (const task of this.#queue.splice(0)) task.reject(reason);
      }
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
  return pathToFileURL(
    createRequire(parent)
      .resolve(specifier)
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}
