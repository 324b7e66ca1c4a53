/**
 * Registers `<liveness-check>`. Importing this module defines the tag; import `./element.js` for the class
 * without registering it (to use another tag name or a scoped registry).
 */
import { LivenessCheckElement } from './element/liveness-check.component.js';

export const TAG_NAME = 'liveness-check';

// Safe to import on a server or twice on a page: define only where custom elements exist and the tag is free.
if (typeof customElements !== 'undefined') {
  const existing = customElements.get(TAG_NAME);
  if (!existing) customElements.define(TAG_NAME, LivenessCheckElement);
  else if (existing !== LivenessCheckElement) {
    console.warn(`<${TAG_NAME}> is already defined by another copy of the widget; this one was not registered.`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveness-check': LivenessCheckElement;
  }
}

export { LivenessCheckElement };
