/**
 * Where keyboard focus goes when the element changes screen. A screen groups the phases a person perceives as
 * one view, so focus moves when the view is replaced (the start button disappears, an error appears) and never
 * on every phase step inside a view.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LivenessPhase } from './phase.js';

export type Screen = 'intro' | 'camera' | 'progress' | 'done' | 'error' | 'handoff';

export function screenOf(phase: LivenessPhase): Screen {
  switch (phase) {
    case 'intro':
      return 'intro';
    case 'starting':
    case 'guiding':
    case 'capturing':
      return 'camera';
    case 'uploading':
    case 'processing':
      return 'progress';
    case 'done':
      return 'done';
    case 'error':
      return 'error';
    case 'handoff':
      return 'handoff';
  }
}

export interface FocusContext {
  /** Focus is inside the element (on the control that the new screen is about to remove, typically). */
  focusInside: boolean;
  /** Some other control on the page has focus: the person is busy elsewhere. */
  focusElsewhere: boolean;
}

/**
 * Focus follows the person's own action (the control they used is inside the element) and moves to outcomes
 * (done, error) that need their attention, but never takes focus from another control on the page.
 */
export function shouldMoveFocus(from: LivenessPhase, to: LivenessPhase, context: FocusContext): boolean {
  const next = screenOf(to);
  if (screenOf(from) === next) return false;
  if (context.focusInside) return true;
  return (next === 'done' || next === 'error' || next === 'handoff') && !context.focusElsewhere;
}

/**
 * Focuses the new screen's target: the first rendered `[data-autofocus]` element, else the first rendered
 * `[data-autofocus-fallback]` (slotted content replaces, and so hides, a slot's default heading).
 */
export function focusScreen(root: ParentNode): HTMLElement | null {
  for (const selector of ['[data-autofocus]', '[data-autofocus-fallback]']) {
    for (const candidate of root.querySelectorAll<HTMLElement>(selector)) {
      // Elements without boxes (hidden, or fallback content of a filled slot) cannot take focus.
      if (candidate.getClientRects().length > 0) {
        candidate.focus();
        return candidate;
      }
    }
  }
  return null;
}

/** What the focus controller reads from the element. */
export interface FocusHost extends ReactiveControllerHost, HTMLElement {
  readonly phase: LivenessPhase;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Applies the rules above to the element: the decision is taken before each update (afterwards the control
 * that had focus may already be gone), and focus moves once the new screen is rendered.
 */
export class FocusController implements ReactiveController {
  private shownPhase: LivenessPhase | null = null;
  private pending = false;

  constructor(private readonly host: FocusHost) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { phase } = this.host;
    if (this.shownPhase !== null && this.shownPhase !== phase) {
      this.pending ||= shouldMoveFocus(this.shownPhase, phase, this.context());
    }
    this.shownPhase = phase;
  }

  hostUpdated(): void {
    if (!this.pending) return;
    this.pending = false;
    focusScreen(this.host.renderRoot);
  }

  private context(): FocusContext {
    const active = document.activeElement;
    const focusInside = active !== null && (active === this.host || this.host.contains(active));
    return { focusInside, focusElsewhere: !focusInside && active !== null && active !== document.body };
  }
}
