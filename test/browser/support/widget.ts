/** Creating the widget and reaching into its shadow root by part name, as an integrator's stylesheet would. */
import '../../../src/liveness-check.js';
import type { LivenessCheckElement } from '../../../src/element.js';

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
