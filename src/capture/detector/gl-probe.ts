/**
 * Whether WebGL works where the detector is about to run. MediaPipe's tasks need a GL context even with the CPU
 * delegate (WebKit without WebGL in workers fails on the first frame with `GLctx.activeTexture`), so a worker
 * without one is given up before the WASM is downloaded and compiled there.
 */
/** The context that works, and on which canvas: WebKit may have WebGL on a page's <canvas> but not in OffscreenCanvas. */
export type GLSupport = { context: 'webgl2' | 'webgl'; surface: 'offscreen' | 'element' } | null;

type GLContext = WebGLRenderingContext | WebGL2RenderingContext;

export function probeWebGL(forcedOff = false): GLSupport {
  if (forcedOff) return null;
  const surfaces = [
    ...(typeof OffscreenCanvas !== 'undefined' ? (['offscreen'] as const) : []),
    ...(typeof document !== 'undefined' ? (['element'] as const) : []),
  ];
  for (const surface of surfaces) {
    for (const context of ['webgl2', 'webgl'] as const) {
      const gl = createContext(surface, context);
      if (gl) {
        // The probe's context would otherwise count against the browser's small limit of live contexts.
        gl.getExtension('WEBGL_lose_context')?.loseContext();
        return { context, surface };
      }
    }
  }
  return null;
}

function createContext(surface: 'offscreen' | 'element', kind: 'webgl2' | 'webgl'): GLContext | null {
  try {
    const canvas = surface === 'offscreen' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    return canvas.getContext(kind) as GLContext | null;
  } catch {
    // Some engines throw instead of returning null when the context type is unknown.
    return null;
  }
}
