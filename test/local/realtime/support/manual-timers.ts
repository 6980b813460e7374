import type { Timers } from '../../../../local/realtime/protocol';

/** Timers that only fire when the test says so, and a clock that only moves when told to. */
export class ManualTimers implements Timers {
  private nextHandle = 1;
  private clock = 1_000_000;
  readonly pending = new Map<number, { kind: 'timeout' | 'interval'; ms: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): unknown {
    this.pending.set(this.nextHandle, { kind: 'timeout', ms, callback });
    return this.nextHandle++;
  }
  setInterval(callback: () => void, ms: number): unknown {
    this.pending.set(this.nextHandle, { kind: 'interval', ms, callback });
    return this.nextHandle++;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  clearInterval(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires every timer of a kind (only those of `ms` when given); timeouts are then gone. */
  fire(kind: 'timeout' | 'interval', ms?: number): void {
    for (const [handle, timer] of [...this.pending]) {
      if (timer.kind !== kind || (ms !== undefined && timer.ms !== ms)) continue;
      if (kind === 'timeout') this.pending.delete(handle);
      timer.callback();
    }
  }
  now(): number {
    return this.clock;
  }
  advance(ms: number): void {
    this.clock += ms;
  }
  scheduled(kind: 'timeout' | 'interval'): number[] {
    return [...this.pending.values()].filter((timer) => timer.kind === kind).map((timer) => timer.ms);
  }
}
