/** Worker thread entry: runs upload validation (unzipping, header checks, sharpness) off the main thread. */
import { parentPort } from 'node:worker_threads';
import {
  answerViews,
  serializeError,
  transferablesOf,
  type ValidationRequest,
  type ValidationResponse,
  type WorkerReady,
} from './validation-protocol.js';
import { restoreCheckMedia, validateUpload } from './validate.js';

const port = parentPort;
if (port === null) throw new Error('validation-worker must run in a worker thread');

port.on('message', (request: ValidationRequest) => {
  const work =
    request.task === 'validate'
      ? validateUpload(request.parts)
      : restoreCheckMedia(request.info, request.bytes, request.selfieJpeg);
  work.then(
    (value) =>
      port.postMessage(
        { id: request.id, ok: true, value } satisfies ValidationResponse,
        transferablesOf(answerViews(value)),
      ),
    (error: unknown) =>
      port.postMessage({ id: request.id, ok: false, error: serializeError(error) } satisfies ValidationResponse),
  );
});
port.postMessage({ ready: true } satisfies WorkerReady);
