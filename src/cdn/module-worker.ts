/**
 * Starting a module worker from a script URL that may be on another origin. Browsers only start workers from
 * same-origin URLs, so a CDN-hosted bundle cannot start its worker file directly; a same-origin `blob:` module
 * that imports the worker file can (the file is then fetched with CORS, and `worker-src` must allow `blob:`).
 */

export type WorkerStart = { kind: 'direct'; url: string } | { kind: 'blob-import'; source: string };

/** Pure: how to start a worker whose script is at `scriptUrl`, from a page on `pageOrigin`. */
export function planWorkerStart(scriptUrl: URL, pageOrigin: string): WorkerStart {
  if (scriptUrl.origin === pageOrigin) return { kind: 'direct', url: scriptUrl.href };
  // The blob revokes its own URL once the import has run: the worker no longer needs it.
  return {
    kind: 'blob-import',
    source: `import ${JSON.stringify(scriptUrl.href)};\nURL.revokeObjectURL(import.meta.url);\n`,
  };
}

export function startModuleWorker(scriptUrl: URL, name: string): Worker {
  const options: WorkerOptions = { type: 'module', name };
  const plan = planWorkerStart(scriptUrl, location.origin);
  if (plan.kind === 'direct') return new Worker(plan.url, options);
  const blobUrl = URL.createObjectURL(new Blob([plan.source], { type: 'text/javascript' }));
  const worker = new Worker(blobUrl, options);
  // A failed import never reaches the revoke in the blob itself.
  worker.addEventListener('error', () => URL.revokeObjectURL(blobUrl), { once: true });
  return worker;
}
