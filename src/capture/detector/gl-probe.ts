/**
 * Whether WebGL works where the detector is about to run. MediaPipe's tasks need a GL context even with the CPU
 * delegate (WebKit without WebGL in workers fails on the first frame with `GLctx.activeTexture`), so a worker
 * without one is given up before the WASM is downloaded and compiled there.
 */
export type GLSupport = 'webgl2' | 'webgl' | null;

type GLContext = WebGLRenderingContext | WebGL2RenderingContext;

export function probeWebGL(forcedOff = false): GLSupport {
  if (forcedOff) return null;
  for (const kind of ['webgl2', 'webgl'] as const) {
    const context = createContext(kind);
    if (context) {
      // The probe's context would otherwise count against the browser's small limit of live contexts.
      context.getExtension('WEBGL_lose_context')?.loseContext();
      return kind;
    }
  }
  return null;
}

function createContext(kind: 'webgl2' | 'webgl'): GLContext | null {
  try {
    if (typeof OffscreenCanvas !== 'undefined') {
      return new OffscreenCanvas(1, 1).getContext(kind) as GLContext | null;
    }
    if (typeof document !== 'undefined') return document.createElement('canvas').getContext(kind) as GLContext | null;
  } catch {
    // Some engines throw instead of returning null when the context type is unknown.
  }
  return null;
}
