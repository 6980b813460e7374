/**
 * Admission control for GraphQL operations: at most `maxConcurrentOperations` run at once, the
 * rest wait in one FIFO queue of at most `maxQueuedOperations`, each for at most
 * `maxQueueWaitMs`. A request that finds the queue full, or waits longer, is refused before
 * anything of it runs, so that the work a burst leaves inside the process (and its memory and
 * the latency of what is admitted) stays bounded.
 */
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { AdmissionLimits } from './limits';

/** Why a request was not admitted. `cancelled`: its caller went away while it waited. */
export type RefusalReason = 'queue-full' | 'wait-timeout' | 'cancelled';

export type Admission = { admitted: true; waitedMs: number; release: () => void } | { admitted: false; reason: RefusalReason; waitedMs: number };

export interface AdmissionStats {
  executing: number;
  queued: number;
  admitted: number;
  refusedQueueFull: number;
  refusedWaitTimeout: number;
  cancelled: number;
  peakExecuting: number;
  peakQueued: number;
  /**
   * Admitted operations' time in the queue plus their run, from acquire() to release(), over the
   * queue's life, in ms (0 when none was admitted yet): what the admitted wait for inside the
   * twin, which the limits bound. What a client measures adds the network and its own delays.
   */
  admittedTimeMs: { p50: number; p99: number; max: number };
}

interface Waiter {
  enqueuedAt: number;
  settle: (admission: Admission) => void;
  timer: NodeJS.Timeout;
  /** Removes the abort listener. */
  detach: () => void;
}

export class AdmissionQueue {
  private executing = 0;
  // A Set keeps insertion order (FIFO) and deletes a waiter that leaves early in O(1).
  private readonly waiting = new Set<Waiter>();
  private readonly counts = { admitted: 0, refusedQueueFull: 0, refusedWaitTimeout: 0, cancelled: 0, peakExecuting: 0, peakQueued: 0 };
  /** In microseconds: the histogram records whole numbers. */
  private readonly admittedTime: RecordableHistogram = createHistogram();

  constructor(private readonly limits: AdmissionLimits) {
    if (!(limits.maxConcurrentOperations >= 1)) throw new RangeError('maxConcurrentOperations must be at least 1');
    if (!(limits.maxQueuedOperations >= 0)) throw new RangeError('maxQueuedOperations must not be negative');
  }

  /**
   * Admits at once when a slot is free and nobody waits (FIFO: a newcomer never overtakes the
   * queue), else queues. `signal` aborted while waiting leaves the queue (refused, `cancelled`).
   */
  acquire(signal?: AbortSignal): Promise<Admission> {
    if (this.executing < this.limits.maxConcurrentOperations && this.waiting.size === 0) return Promise.resolve(this.admit(0));
    if (this.waiting.size >= this.limits.maxQueuedOperations) {
      this.counts.refusedQueueFull++;
      return Promise.resolve({ admitted: false, reason: 'queue-full', waitedMs: 0 });
    }
    if (signal?.aborted) {
      this.counts.cancelled++;
      return Promise.resolve({ admitted: false, reason: 'cancelled', waitedMs: 0 });
    }
    return new Promise<Admission>((resolve) => {
      const enqueuedAt = performance.now();
      const leave = (reason: RefusalReason): void => {
        if (!this.waiting.delete(waiter)) return;
        clearTimeout(waiter.timer);
        waiter.detach();
        if (reason === 'wait-timeout') this.counts.refusedWaitTimeout++;
        else this.counts.cancelled++;
        resolve({ admitted: false, reason, waitedMs: performance.now() - enqueuedAt });
      };
      const onAbort = (): void => leave('cancelled');
      const waiter: Waiter = {
        enqueuedAt,
        settle: resolve,
        timer: setTimeout(() => leave('wait-timeout'), this.limits.maxQueueWaitMs),
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(waiter);
      this.counts.peakQueued = Math.max(this.counts.peakQueued, this.waiting.size);
    });
  }

  stats(): AdmissionStats {
    const ms = (microseconds: number): number => (this.admittedTime.count === 0 ? 0 : microseconds / 1000);
    const admittedTimeMs = { p50: ms(this.admittedTime.percentile(50)), p99: ms(this.admittedTime.percentile(99)), max: ms(this.admittedTime.max) };
    return { executing: this.executing, queued: this.waiting.size, ...this.counts, admittedTimeMs };
  }

  private admit(waitedMs: number): Admission {
    this.executing++;
    this.counts.admitted++;
    this.counts.peakExecuting = Math.max(this.counts.peakExecuting, this.executing);
    let released = false;
    const acquiredAt = performance.now() - waitedMs;
    return {
      admitted: true,
      waitedMs,
      // Idempotent, so a double release cannot drive the count below zero.
      release: () => {
        if (released) return;
        released = true;
        this.admittedTime.record(Math.max(1, Math.round((performance.now() - acquiredAt) * 1000)));
        this.executing--;
        this.next();
      },
    };
  }

  /** Hands freed slots to the oldest waiters. */
  private next(): void {
    while (this.executing < this.limits.maxConcurrentOperations) {
      const first = this.waiting.values().next();
      if (first.done) return;
      const waiter = first.value;
      this.waiting.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.detach();
      waiter.settle(this.admit(performance.now() - waiter.enqueuedAt));
    }
  }
}
