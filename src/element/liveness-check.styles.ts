import { css } from 'lit';

export const styles = css`
  :host {
    /* Defaults meet WCAG AA on the default surface: text ≥ 4.5:1, the progress fill and focus ring ≥ 3:1. */
    --liveness-accent: #0b57d0;
    --liveness-on-accent: #ffffff;
    --liveness-ok: #137333;
    --liveness-text: #1f1f1f;
    --liveness-muted: #444746;
    --liveness-error: #b3261e;
    --liveness-surface: #ffffff;
    --liveness-track: #e3e3e3;
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
    /* White on at least 70% black stays above 8:1 whatever the video shows behind it. */
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
    background: var(--liveness-track);
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
  .screen .status {
    color: var(--liveness-text);
    font-size: 1.25rem;
    font-weight: 600;
  }
  .manual-hint {
    margin: 0;
    flex-basis: 100%;
    color: var(--liveness-muted);
    text-align: center;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    padding: 10px 20px;
    border: 2px solid transparent;
    border-radius: 999px;
    color: var(--liveness-on-accent);
    background: var(--liveness-accent);
    cursor: pointer;
  }
  button:focus-visible,
  select:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--liveness-accent);
    outline-offset: 3px;
  }
  /* Headings and status text take focus only so screen readers land on the new screen; a mouse user needs no ring. */
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
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
    border: 1px solid var(--liveness-muted);
    border-radius: 8px;
    color: var(--liveness-text);
    background: var(--liveness-surface);
  }
  .error-message {
    color: var(--liveness-error);
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
  /* In forced-colours mode backgrounds are replaced: keep the progress fill and the oval visible. */
  @media (forced-colors: active) {
    .progress__bar {
      background: Highlight;
    }
    .oval--ok {
      stroke: Highlight;
    }
  }
  .tips {
    margin: 0;
    padding-inline-start: 1.25em;
    color: var(--liveness-muted);
  }
  svg.qr {
    display: block;
    width: min(100%, 240px);
    height: auto;
    margin-inline: auto;
  }
  .link {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .link a {
    color: var(--liveness-accent);
    overflow-wrap: anywhere;
    flex: 1 1 12em;
  }
  a.button {
    display: inline-block;
    box-sizing: border-box;
    min-height: 44px;
    padding: 10px 20px;
    border-radius: 999px;
    font-weight: 600;
    text-align: center;
    text-decoration: none;
    color: var(--liveness-on-accent);
    background: var(--liveness-accent);
  }
  a.button:focus-visible,
  .link a:focus-visible {
    outline: 3px solid var(--liveness-accent);
    outline-offset: 2px;
  }
`;
