import { css } from 'lit';

export const styles = css`
  :host {
    --liveness-accent: #0b57d0;
    --liveness-ok: #137333;
    --liveness-text: #1f1f1f;
    --liveness-muted: #444746;
    --liveness-surface: #ffffff;
    --liveness-backdrop: rgb(0 0 0 / 0.55);
    --liveness-oval-stroke: #ffffff;
    --liveness-radius: 12px;
    --liveness-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    display: block;
    max-width: 640px;
    color: var(--liveness-text);
    font-family: var(--liveness-font);
    background: var(--liveness-surface);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 12px;
  }
  .stage {
    position: relative;
    overflow: hidden;
    border-radius: var(--liveness-radius);
    background: #000;
    aspect-ratio: 4 / 3;
  }
  video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
    /* A selfie preview that moves like a mirror is what people expect; the captured image is not mirrored. */
    transform: scaleX(-1);
  }
  svg.overlay {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    pointer-events: none;
  }
  .backdrop {
    fill: var(--liveness-backdrop);
  }
  .oval {
    fill: none;
    stroke: var(--liveness-oval-stroke);
    stroke-width: 4;
    vector-effect: non-scaling-stroke;
    transition: stroke 200ms ease;
  }
  .oval--ok {
    stroke: var(--liveness-ok);
    stroke-width: 6;
  }
  .stage-status {
    position: absolute;
    inset: auto 0 0 0;
    margin: 0;
    padding: 8px 12px;
    color: #fff;
    background: rgb(0 0 0 / 0.7);
    font-size: 0.95rem;
    text-align: center;
  }
  .hint {
    margin: 0;
    min-height: 1.5em;
    font-size: 1.25rem;
    font-weight: 600;
    text-align: center;
  }
  .progress {
    height: 6px;
    border-radius: 3px;
    background: #e3e3e3;
    overflow: hidden;
  }
  .progress__bar {
    height: 100%;
    width: 0;
    background: var(--liveness-ok);
    transition: width 120ms linear;
  }
  .screen {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 12px;
    padding: 24px 12px;
    text-align: center;
  }
  .screen h2 {
    margin: 0;
    font-size: 1.35rem;
  }
  .screen p {
    margin: 0;
    color: var(--liveness-muted);
    line-height: 1.45;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    padding: 10px 20px;
    border: 2px solid transparent;
    border-radius: 999px;
    color: #fff;
    background: var(--liveness-accent);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--liveness-accent);
    outline-offset: 3px;
  }
  button.secondary {
    color: var(--liveness-accent);
    background: transparent;
    border-color: var(--liveness-accent);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    justify-content: center;
    align-items: center;
  }
  select {
    font: inherit;
    min-height: 44px;
    padding: 6px 8px;
    border-radius: 8px;
  }
  .error-message {
    color: #b3261e;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  [hidden] {
    display: none !important;
  }
  @media (prefers-reduced-motion: reduce) {
    .oval,
    .progress__bar {
      transition: none;
    }
  }
`;
