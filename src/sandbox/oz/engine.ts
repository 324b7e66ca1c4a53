/**
 * Analysis progression (§1.11 #1): an analysis is INITIAL when started, PROCESSING while it runs, and final once
 * its running time is over. Time, not a count of reads, ends it, as on a real server: a client that polls slowly
 * or stops polling still sees it finish, and a client with a short deadline really meets its deadline. A timer
 * finishes the analysis (and sends its webhook, if any) without anyone polling.
 */
import { evaluateBiometry, evaluateQuality } from './evaluate.js';
import type { AnalysisRecord, OzStore } from './store.js';

export type AnalysisStatus = 'INITIAL' | 'PROCESSING' | 'SUCCESS' | 'DECLINED' | 'FAILED';

export interface EngineOptions {
  apiVersion: string;
  now: () => number;
  onFinal: (analysis: AnalysisRecord) => void;
}

export class AnalysisEngine {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: OzStore,
    private readonly options: EngineOptions,
  ) {}

  /** Registers a new analysis and schedules its finish after `analysis.runMs`. */
  add(analysis: AnalysisRecord): void {
    this.store.analyses.set(analysis.id, analysis);
    // Timers cap at 2^31-1 ms; a longer run (a "never finishes" scenario) is simply never finished by a timer.
    if (analysis.runMs > 2 ** 31 - 1) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#finish(analysis);
    }, analysis.runMs);
    this.#timers.add(timer);
  }

  /** A client read the analysis: it leaves INITIAL, and finishes if its time is up (the clock may be injected). */
  observe(analysis: AnalysisRecord): void {
    if (analysis.outcome) return;
    analysis.reads += 1;
    analysis.updatedAtMs = this.options.now();
    if (this.options.now() - analysis.createdAtMs >= analysis.runMs) this.#finish(analysis);
  }

  status(analysis: AnalysisRecord): AnalysisStatus {
    if (analysis.outcome) return analysis.outcome.resolution;
    return analysis.reads === 0 ? 'INITIAL' : 'PROCESSING';
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #finish(analysis: AnalysisRecord): void {
    if (analysis.outcome) return;
    const media = analysis.sourceMediaIds.map((id) => this.store.mediaItem(id));
    const input = { apiVersion: this.options.apiVersion, media, scenario: analysis.scenario };
    analysis.outcome = analysis.type === 'QUALITY' ? evaluateQuality(input) : evaluateBiometry(input);
    analysis.updatedAtMs = this.options.now();
    this.options.onFinal(analysis);
  }
}
