/**
 * Sets inline styles through the CSSOM (`element.style.setProperty`) and never through a `style` attribute.
 * A strict Content-Security-Policy (`style-src 'self'`) blocks style attributes in markup but allows CSSOM
 * writes; Lit's `styleMap` writes the attribute on first render, so it cannot be used here.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

type Styles = Readonly<Record<string, string>>;

class CssomStyleDirective extends Directive {
  private applied = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssomStyle() is an element binding: <div ${cssomStyle({…})}>');
  }

  render(_styles: Styles): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [styles]: [Styles]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.applied) if (!(name in styles)) style.removeProperty(name);
    for (const [name, value] of Object.entries(styles)) style.setProperty(name, value);
    this.applied = new Set(Object.keys(styles));
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyleDirective);
