/** Small helpers for waiting on the widget's events in browser tests. */
import type { LivenessEventMap, LivenessEventName } from '../../../src/events/index.js';

export function nextEvent<K extends LivenessEventName>(
  target: EventTarget,
  name: K,
  timeoutMs = 30_000,
): Promise<LivenessEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(
      name,
      (event) => {
        clearTimeout(timer);
        resolve(event as LivenessEventMap[K]);
      },
      { once: true },
    );
  });
}

/** Records every event of the given names, in order, until stopped. */
export function recordEvents(target: EventTarget, names: LivenessEventName[]) {
  const seen: Array<{ type: string; detail: unknown }> = [];
  const listener = (event: Event) => seen.push({ type: event.type, detail: (event as CustomEvent).detail });
  for (const name of names) target.addEventListener(name, listener);
  return {
    seen,
    of<K extends LivenessEventName>(name: K) {
      return seen.filter((e) => e.type === name).map((e) => e.detail as LivenessEventMap[K]['detail']);
    },
    stop() {
      for (const name of names) target.removeEventListener(name, listener);
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
