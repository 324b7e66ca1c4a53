/** What the numbers were measured on. */
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { MachineInfo } from '../report/types.js';

export function loadAverageNow(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

export function machineInfo(loadAtStart: number): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()}`,
    loadAverage: { start: loadAtStart, end: loadAverageNow() },
  };
}
