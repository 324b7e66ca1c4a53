import { describe, expect, it } from 'vitest';
import { nextRuntime, runtimeChain } from '../../src/capture/detector/runtime-chain.js';

describe('the detector runtime chain', () => {
  it('tries the worker first and the main thread last', () => {
    expect(runtimeChain({ worker: true, preferMainThread: false })).toEqual(['worker', 'main-thread']);
  });

  it('skips the worker where there is none or the integrator asked for the main thread', () => {
    expect(runtimeChain({ worker: false, preferMainThread: false })).toEqual(['main-thread']);
    expect(runtimeChain({ worker: true, preferMainThread: true })).toEqual(['main-thread']);
  });

  it('switches from a failed worker to the main thread once, and never past the main thread', () => {
    const chain = runtimeChain({ worker: true, preferMainThread: false });
    expect(nextRuntime(chain, 'worker', false)).toBe('main-thread');
    expect(nextRuntime(chain, 'worker', true)).toBe(null);
    expect(nextRuntime(chain, 'main-thread', false)).toBe(null);
    expect(nextRuntime(['main-thread'], 'worker', false)).toBe(null);
  });
});
