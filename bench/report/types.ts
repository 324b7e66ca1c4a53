/** The shape of bench/results/*.json. Bump REPORT_SCHEMA_VERSION when a field changes meaning or moves. */
import type { BackendReport } from '../backend/backend-bench.js';
import type { BrowserReport } from '../browser/browser-bench.js';

export const REPORT_SCHEMA_VERSION = 2;

export interface MachineInfo {
  cpuModel: string;
  /** Logical CPUs the OS reports. */
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the bench started and ended: above `cores` means other work competed. */
  loadAverage: { start: number; end: number };
}

export interface BenchReport {
  schemaVersion: number;
  generatedAt: string;
  command: string;
  durationMs: number;
  machine: MachineInfo;
  chromium: string | null;
  /** Things a reader must know before trusting a figure (fallbacks, calls to outside hosts, a busy machine). */
  warnings: string[];
  browser: BrowserReport | null;
  backend: BackendReport | null;
}
