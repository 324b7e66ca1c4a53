/**
 * The Content-Security-Policy documented in docs/integration.md, as the examples and the CSP tests send it. Every
 * source beyond 'self' is there for one reason:
 *
 *   script-src 'wasm-unsafe-eval'   compiling MediaPipe's WASM (no JavaScript eval is needed)
 *   worker-src blob:                the CDN bundle on another origin starts its worker from a same-origin blob:
 *                                   module that imports the worker file (browsers refuse cross-origin worker URLs)
 *   connect-src <backend>           the element uploads to and polls the backend
 *   img-src blob: data:, media-src blob:   the camera preview and captured frames
 *
 * With the bundle on a CDN origin, that origin is added to script-src (the bundle, its lazy chunk and the WASM
 * loader are module scripts), worker-src (the worker file and the chunk it imports are fetched as worker scripts,
 * even when a blob: module imports them) and connect-src (the WASM binary and the model are fetched).
 */
export interface CspSources {
  /** Origin of the liveness backend the element calls. */
  backendOrigin: string;
  /** Origin serving dist/cdn when it is not the page's own. */
  cdnOrigin?: string;
}

export function strictCsp({ backendOrigin, cdnOrigin }: CspSources): string {
  const cdn = cdnOrigin ? ` ${cdnOrigin}` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${cdn}`,
    "style-src 'self'",
    `worker-src 'self' blob:${cdn}`,
    `connect-src 'self' ${backendOrigin}${cdn}`,
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
  ].join('; ');
}
