/**
 * A CPU profile of a server's process over a window the benchmark chooses (the recorded runs of
 * one case, not start-up), taken through its inspector; written as a .cpuprofile that
 * bench/profile-summary.ts (or Chrome DevTools) reads.
 */
import { writeFileSync } from 'node:fs';
import { openInspector } from './inspector';

export interface CpuProfiling {
  /** Stops the profiler and writes the profile to `file`. */
  stopAndWrite(file: string): Promise<void>;
}

/** Sampling interval, microseconds (V8's default for --cpu-prof is 1,000). */
const SAMPLING_INTERVAL_US = 500;

export async function startCpuProfile(inspectorPort: number): Promise<CpuProfiling> {
  const inspector = await openInspector(inspectorPort);
  try {
    await inspector.call('Profiler.enable');
    await inspector.call('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await inspector.call('Profiler.start');
  } catch (error) {
    inspector.close();
    throw error;
  }
  return {
    stopAndWrite: async (file) => {
      try {
        const { profile } = await inspector.call('Profiler.stop');
        writeFileSync(file, JSON.stringify(profile));
      } finally {
        inspector.close();
      }
    },
  };
}
