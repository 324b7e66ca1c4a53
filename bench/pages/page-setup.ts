/**
 * The part of a bench page around its own scenario: the result it fills in, the long-task observer, the query it
 * reads and how the outcome reaches the driver. Both pages take it from here so their defaults cannot drift apart,
 * since the report sets the widget's figures beside the baseline's.
 */
import { observeLongTasks } from './instrument.js';
import type { PageMarks, PageResult, PageScenario } from './protocol.js';

export interface BenchPage {
  params: URLSearchParams;
  scenario: PageScenario;
  windowMs: number;
  timeoutMs: number;
  marks: PageMarks;
  result: PageResult;
  /** Waits for long-task entries that arrive late and adds them to the result. */
  settleLongTasks: () => Promise<void>;
}

/** Call first in the page script: `marks.scriptStart` is the moment of this call. */
export function startBenchPage(): BenchPage {
  const marks: PageMarks = { scriptStart: performance.now() };
  const result: PageResult = { ok: false, marks, guidanceCodes: [], frames: [], longTasks: [] };
  const settleLongTasks = observeLongTasks(result.longTasks);
  const params = new URLSearchParams(location.search);
  return {
    params,
    scenario: (params.get('scenario') ?? 'load') as PageScenario,
    windowMs: Number(params.get('windowMs') ?? 10_000),
    timeoutMs: Number(params.get('timeoutMs') ?? 60_000),
    marks,
    result,
    settleLongTasks,
  };
}

/** A failure still resolves, as the result with its error, so the driver reports why rather than only that it failed. */
export function publishResult(result: PageResult, outcome: Promise<PageResult>): void {
  window.__benchResult = outcome.catch((error: unknown) => {
    result.ok = false;
    result.error = error instanceof Error ? error.message : String(error);
    return result;
  });
}
