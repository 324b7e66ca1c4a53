/**
 * The shared WASM factory: every module the loader makes is an instance of one compiled binary, fetched once,
 * and a failed fetch is retried by the next task instead of being replayed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedWasmFactory } from '../../src/capture/detector/shared-wasm.js';

/** The smallest valid WebAssembly module: the magic number and version 1. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

type Receive = (instance: WebAssembly.Instance, module: WebAssembly.Module) => void;

/** Stands in for Emscripten's factory: instantiates through `instantiateWasm`, as the real loader does. */
function fakeLoader() {
  return vi.fn(async (moduleArg: Record<string, unknown> = {}) => {
    const instantiate = moduleArg.instantiateWasm as (imports: WebAssembly.Imports, receive: Receive) => unknown;
    const instance = await new Promise<WebAssembly.Instance>((resolve) => instantiate({}, (i) => resolve(i)));
    return { moduleArg, instance };
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('sharedWasmFactory', () => {
  it('fetches and compiles the binary once for every module it makes, each with its own instance', async () => {
    const fetch = vi.fn(async () => new Response(EMPTY_MODULE, { headers: { 'content-type': 'application/wasm' } }));
    vi.stubGlobal('fetch', fetch);
    const loader = fakeLoader();
    const factory = sharedWasmFactory(loader, 'https://cdn.example/wasm/vision.wasm');
    const first = (await factory({ locateFile: 'kept' })) as { moduleArg: Record<string, unknown>; instance: unknown };
    const second = (await factory()) as { instance: unknown };
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toEqual(['https://cdn.example/wasm/vision.wasm', { credentials: 'same-origin' }]);
    expect(first.moduleArg.locateFile).toBe('kept');
    expect(first.instance).toBeInstanceOf(WebAssembly.Instance);
    expect(second.instance).not.toBe(first.instance);
  });

  it('compiles a binary served with another content type', async () => {
    vi.stubGlobal('fetch', async () => new Response(EMPTY_MODULE, { headers: { 'content-type': 'text/plain' } }));
    const factory = sharedWasmFactory(fakeLoader(), '/vision.wasm');
    await expect(factory()).resolves.toBeTruthy();
  });

  it('rejects on a failed download and tries again on the next call', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response('', { status: 503 }))
      .mockResolvedValueOnce(new Response(EMPTY_MODULE, { headers: { 'content-type': 'application/wasm' } }));
    vi.stubGlobal('fetch', fetch);
    const factory = sharedWasmFactory(fakeLoader(), '/vision.wasm');
    await expect(factory()).rejects.toThrow(/HTTP 503/);
    await expect(factory()).resolves.toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('refuses a loader that exports no factory', () => {
    expect(() => sharedWasmFactory(undefined, '/vision.wasm')).toThrow(TypeError);
  });
});
