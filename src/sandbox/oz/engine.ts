/**
 * Analysis progression (§1.11 #1): an analysis is INITIAL when started, reports PROCESSING for N reads, then its
 * final status. With a `resolution_endpoint` it also finishes on its own after a short delay, as a real server
 * would, so a client that only waits for the webhook still gets one.
 */
import { evaluateBiometry, evaluateQuality } from './evaluate.js';
import type { AnalysisRecord, OzStore } from './store.js';

export type AnalysisStatus = 'INITIAL' | 'PROCESSING' | 'SUCCESS' | 'DECLINED' | 'FAILED';

export interface EngineOptions {
  apiVersion: string;
  now: () => number;
  /** Delay after which an analysis with a resolution_endpoint finishes without being polled. */
  autoFinishMs: number;
  onFinal: (analysis: AnalysisRecord) => void;
}

export class AnalysisEngine {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: OzStore,
    private readonly options: EngineOptions,
  ) {}

  /** Registers a new analysis and, when it has a webhook, schedules its unattended finish. */
  add(analysis: AnalysisRecord): void {
    this.store.analyses.set(analysis.id, analysis);
    if (!analysis.resolutionEndpoint) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#finish(analysis);
    }, this.options.autoFinishMs);
    this.#timers.add(timer);
  }

  /** A client read the analysis: counts towards its PROCESSING reads and finishes it when they are used up. */
  observe(analysis: AnalysisRecord): void {
    if (analysis.outcome) return;
    analysis.reads += 1;
    analysis.updatedAtMs = this.options.now();
    if (analysis.reads > analysis.processingPolls) this.#finish(analysis);
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
