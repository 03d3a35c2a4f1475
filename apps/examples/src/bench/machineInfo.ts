import { cpus, totalmem } from 'node:os';

/** What the `machine` block of the bench JSON records: enough to compare runs across machines. */
export function machineInfo(): Record<string, unknown> {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memory_bytes: totalmem(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}
