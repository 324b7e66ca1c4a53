/**
 * What the element needs only once guidance is under way: packaging the capture (JPEG, ZIP writer) and talking to
 * the backend. One chunk of its own (`chunks/after-guidance-<hash>.js` in the CDN build), fetched when the first
 * hint shows and awaited where used, so none of it is downloaded or evaluated before the first guidance.
 */
export { packageCapture } from '../package/capture-package.js';
export { uploadCapture, waitForCheck } from '../client/backend-client.js';
