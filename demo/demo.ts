/**
 * The demo page's browser code. It only ever holds the capture token; the API key and the verdict stay on the
 * demo's server side (`/demo-api/*`), as they must on a real onboarding page.
 */
import '../src/liveness-check.js';
import { LIVENESS_EVENT_NAMES, type LivenessCheckElement } from '../src/element.js';

interface DemoConfig {
  endpoint: string;
  providers: Array<{ name: string; sandbox: boolean }>;
}

interface ProviderResult {
  provider: string;
  sandbox: boolean;
  status: string;
  decision: string | null;
  score: number | null;
  raw: { name: string; value: number | null } | null;
  timings: { durationMs: number } | null;
  error?: { code: string; message: string };
}

interface SessionResult {
  status: string;
  decision: string | null;
  reason: string;
  providers: ProviderResult[];
}

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `${path} answered ${response.status}`);
  return body;
}

function log(line: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${line}`;
  $('#event-log').prepend(item);
}

async function newSession(config: DemoConfig): Promise<void> {
  const form = $<HTMLFormElement>('#options');
  const data = new FormData(form);
  const session = await json<{ sessionId: string; captureToken: string }>('/demo-api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: data.get('scenario') || undefined }),
  });
  log(`session ${session.sessionId} created by the server side`);
  $('#verdict-status').textContent = 'Waiting for the capture…';
  $('#verdict-table').hidden = true;

  const element = document.createElement('liveness-check');
  element.endpoint = config.endpoint;
  element.token = session.captureToken;
  applyControls(element, data);
  for (const name of LIVENESS_EVENT_NAMES) {
    element.addEventListener(name, (event) => log(`${name} ${summarise(event.detail)}`));
  }
  element.addEventListener('liveness-complete', () => void showVerdict(session.sessionId));
  $('#widget-slot').replaceChildren(element);
}

/**
 * The capture mode and the language belong to the widget, not to the session: they apply to the widget on screen
 * as soon as they change (the next Start uses the new mode; texts switch at once). Only the sandbox outcome is
 * fixed when the server side creates the session, so it alone waits for "New session".
 */
function applyControls(element: LivenessCheckElement, data: FormData): void {
  element.mode = (data.get('mode') as LivenessCheckElement['mode']) || 'shotset';
  const lang = data.get('lang');
  if (typeof lang === 'string' && lang) element.lang = lang;
  else element.removeAttribute('lang');
}

function summarise(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  const copy: Record<string, unknown> = { ...(detail as Record<string, unknown>) };
  if (copy.media instanceof Blob) copy.media = `${copy.media.type}, ${copy.media.size} bytes`;
  if (copy.selfie instanceof Blob) copy.selfie = `${copy.selfie.type}, ${copy.selfie.size} bytes`;
  if (copy.report) copy.report = '{…}';
  if (copy.metrics) copy.metrics = '{…}';
  return JSON.stringify(copy);
}

async function showVerdict(sessionId: string): Promise<void> {
  const result = await json<SessionResult>(`/demo-api/result/${sessionId}`);
  const status = $('#verdict-status');
  status.textContent = `Decision: ${result.decision ?? result.status} (${result.reason})`;
  status.className = `decision-${result.decision ?? 'failed'}`;
  const rows = result.providers.map((p) => {
    const row = document.createElement('tr');
    const cells = [
      `${p.provider}${p.sandbox ? ' (sandbox)' : ''}`,
      p.decision ?? p.error?.code ?? p.status,
      p.score === null ? '–' : p.score.toFixed(3),
      p.raw ? `${p.raw.name} = ${p.raw.value ?? '–'}` : '–',
      p.timings ? `${Math.round(p.timings.durationMs)} ms` : '–',
    ];
    for (const text of cells) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
  $('#verdict-table tbody').replaceChildren(...rows);
  $('#verdict-table').hidden = false;
}

async function main(): Promise<void> {
  const config = await json<DemoConfig>('/demo-api/config');
  const sandboxed = config.providers.filter((p) => p.sandbox).map((p) => p.name);
  $('#providers').textContent =
    `Providers: ${config.providers.map((p) => `${p.name}${p.sandbox ? ' (sandbox emulator)' : ''}`).join(', ')}. ` +
    (sandboxed.length
      ? 'Sandbox emulators speak the providers’ HTTP contracts on this machine and score deterministically; no real liveness decision is made.'
      : 'Real provider credentials are configured.');
  $('#scenario-label').hidden = sandboxed.length === 0;
  const form = $<HTMLFormElement>('#options');
  form.addEventListener('change', (event) => {
    const name = (event.target as HTMLSelectElement | null)?.name;
    const element = document.querySelector<LivenessCheckElement>('#widget-slot liveness-check');
    if (element && (name === 'mode' || name === 'lang')) {
      applyControls(element, new FormData(form));
      // An attempt under way was set up for the old mode: start it again in the new one.
      if (name === 'mode' && (element.phase === 'starting' || element.phase === 'guiding')) void element.retake();
      log(`${name} set to ${name === 'mode' ? element.mode : element.lang || 'page default'} on the widget`);
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void newSession(config).catch((error: Error) => log(`error: ${error.message}`));
  });
  await newSession(config);
}

void main().catch((error: Error) => {
  $('#providers').textContent = `The demo backend is not reachable: ${error.message}`;
});
