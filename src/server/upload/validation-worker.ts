/** Worker thread entry: runs upload validation (decoding, unzipping) off the main thread. */
import { parentPort } from 'node:worker_threads';
import { serializeError, type ValidationRequest, type ValidationResponse } from './validation-protocol.js';
import { restoreCheckMedia, validateUpload } from './validate.js';

const port = parentPort;
if (port === null) throw new Error('validation-worker must run in a worker thread');

port.on('message', (request: ValidationRequest) => {
  let response: ValidationResponse;
  try {
    const value =
      request.task === 'validate'
        ? validateUpload(request.parts)
        : restoreCheckMedia(request.info, request.bytes, request.selfieJpeg);
    response = { id: request.id, ok: true, value };
  } catch (error) {
    response = { id: request.id, ok: false, error: serializeError(error) };
  }
  port.postMessage(response);
});
