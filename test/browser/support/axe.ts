/** Runs axe-core (loaded as its UMD build, the way a page would) on the widget, shadow root included. */
import { expect } from '@esm-bundle/chai';
import type { AxeResults, Result, RunOptions } from 'axe-core';

interface Axe {
  run(context: Element, options?: RunOptions): Promise<AxeResults>;
}

let loading: Promise<Axe> | null = null;

export function loadAxe(): Promise<Axe> {
  loading ??= new Promise<Axe>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => {
      const axe = (window as unknown as { axe?: Axe }).axe;
      if (axe) resolve(axe);
      else reject(new Error('axe-core loaded but defined no global'));
    };
    script.onerror = () => reject(new Error('axe-core could not be loaded'));
    document.head.append(script);
  });
  return loading;
}

function describe(violation: Result): string {
  const where = violation.nodes.map((node) => JSON.stringify(node.target)).join(', ');
  return `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} at ${where}`;
}

/** Fails the test with every axe violation on the element as it is now. */
export async function expectNoAxeViolations(element: Element, screen: string): Promise<AxeResults> {
  const axe = await loadAxe();
  const results = await axe.run(element, { resultTypes: ['violations'] });
  expect(results.violations.map(describe), `axe violations on the ${screen} screen`).to.deep.equal([]);
  // An empty run would pass anything: make sure axe actually examined the widget.
  expect(results.passes.length + results.incomplete.length, `axe checked the ${screen} screen`).to.be.greaterThan(0);
  return results;
}
