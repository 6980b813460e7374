/**
 * CPU and memory of server processes, read from /proc while a case runs: CPU % over the window
 * from utime + stime (all threads; 100 % is one core), and peak RSS from VmRSS sampled every
 * SAMPLE_MS. The Node process and the DynamoDB Local JVM are watched apart.
 */
import { readFileSync } from 'node:fs';
import { monotonicMs } from './clock';

const SAMPLE_MS = 100;
/** USER_HZ: the unit of utime and stime in /proc/<pid>/stat (100 on Linux x86-64 and arm64). */
const TICKS_PER_SECOND = 100;

export interface ProcessFigures {
  cpuPercent: number;
  /** CPU time used over the window (user + system, all threads). */
  cpuSeconds?: number;
  peakRssMiB: number;
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "pid (comm)": state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN) / 1024;
}

/** Watches some processes from now until stop(). */
export function watchProcesses(pids: Record<string, number>): { stop(): Record<string, ProcessFigures> } {
  const startedAt = monotonicMs();
  const startTicks = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuTicks(pid)]));
  const peak = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMiB(pid)]));
  const sample = (): void => {
    for (const [name, pid] of Object.entries(pids)) peak[name] = Math.max(peak[name] as number, rssMiB(pid));
  };
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (monotonicMs() - startedAt) / 1000;
      return Object.fromEntries(
        Object.entries(pids).map(([name, pid]) => [
          name,
          {
            cpuPercent: ((cpuTicks(pid) - (startTicks[name] as number)) / TICKS_PER_SECOND / seconds) * 100,
            cpuSeconds: (cpuTicks(pid) - (startTicks[name] as number)) / TICKS_PER_SECOND,
            peakRssMiB: peak[name] as number,
          },
        ]),
      );
    },
  };
}
