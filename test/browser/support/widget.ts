/** Creating the widget and reaching into its shadow root by part name, as an integrator's stylesheet would. */
import '../../../src/liveness-check.js';
import type { LivenessCheckElement, LivenessReadyDetail } from '../../../src/element.js';
import { nextEvent } from './events.js';

export function createWidget(setup: (element: LivenessCheckElement) => void = () => {}): LivenessCheckElement {
  const element = document.createElement('liveness-check');
  setup(element);
  return element;
}

/** The first element of the shadow root carrying `part` among its part names, or null. */
export function part<E extends Element = HTMLElement>(element: LivenessCheckElement, name: string): E | null {
  return element.shadowRoot!.querySelector<E>(`[part~="${name}"]`);
}

/** Whether the element is rendered (has a box): hidden screens and unused slot fallbacks have none. */
export function isRendered(node: Element | null): boolean {
  return node !== null && node.getClientRects().length > 0;
}

/** The element focused inside the widget's shadow root, or null. */
export function focusedInside(element: LivenessCheckElement): Element | null {
  return element.shadowRoot!.activeElement;
}

/** The polite live region's current text. */
export function liveText(element: LivenessCheckElement): string {
  return element.shadowRoot!.querySelector('[aria-live]')?.textContent?.trim() ?? '';
}

/**
 * Appends a widget that opens the camera at once and guides without ever capturing on its own (the hold is
 * longer than any test), and resolves with it once detection is ready.
 */
export async function mountGuidingWidget(
  setup: (element: LivenessCheckElement) => void = () => {},
): Promise<{ element: LivenessCheckElement; ready: LivenessReadyDetail }> {
  const element = createWidget((el) => {
    el.autostart = true;
    el.holdDuration = 60_000;
    setup(el);
  });
  const ready = nextEvent(element, 'liveness-ready', 60_000);
  document.body.append(element);
  return { element, ready: (await ready).detail };
}
