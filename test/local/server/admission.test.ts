// The GraphQL admission queue (local/server/admission.ts): a few slots, a bounded FIFO queue with
// a wait bound. Timers are faked so that "waited too long" is a clock step, not a sleep.
import { AdmissionQueue, type Admission } from '../../../local/server/admission';

type Step =
  | { acquire: string; abort?: boolean }
  | { release: string }
  | { advanceMs: number }
  | { abort: string };

interface Case {
  name: string;
  limits: { maxConcurrentOperations: number; maxQueuedOperations: number; maxQueueWaitMs: number };
  steps: Step[];
  /** The outcome of each named request once the steps ran: 'admitted', 'pending' or a refusal reason. */
  outcomes: Record<string, string>;
  /** Names in the order they were admitted. */
  admittedOrder: string[];
}

const LIMITS = { maxConcurrentOperations: 2, maxQueuedOperations: 2, maxQueueWaitMs: 1000 };

const CASES: Case[] = [
  {
    name: 'admitted while slots are free',
    limits: LIMITS,
    steps: [{ acquire: 'a' }, { acquire: 'b' }],
    outcomes: { a: 'admitted', b: 'admitted' },
    admittedOrder: ['a', 'b'],
  },
  {
    name: 'queued when the slots are taken, admitted in arrival order as they free',
    limits: LIMITS,
    steps: [{ acquire: 'a' }, { acquire: 'b' }, { acquire: 'c' }, { acquire: 'd' }, { release: 'b' }, { release: 'a' }],
    outcomes: { a: 'admitted', b: 'admitted', c: 'admitted', d: 'admitted' },
    admittedOrder: ['a', 'b', 'c', 'd'],
  },
  {
    name: 'a finished operation admits exactly one waiter',
    limits: LIMITS,
    steps: [{ acquire: 'a' }, { acquire: 'b' }, { acquire: 'c' }, { acquire: 'd' }, { release: 'a' }],
    outcomes: { a: 'admitted', b: 'admitted', c: 'admitted', d: 'pending' },
    admittedOrder: ['a', 'b', 'c'],
  },
  {
    name: 'queue full: refused at once',
    limits: LIMITS,
    steps: [{ acquire: 'a' }, { acquire: 'b' }, { acquire: 'c' }, { acquire: 'd' }, { acquire: 'e' }],
    outcomes: { a: 'admitted', b: 'admitted', c: 'pending', d: 'pending', e: 'queue-full' },
    admittedOrder: ['a', 'b'],
  },
  {
    name: 'no queue at all: the first request over the slots is refused',
    limits: { maxConcurrentOperations: 1, maxQueuedOperations: 0, maxQueueWaitMs: 1000 },
    steps: [{ acquire: 'a' }, { acquire: 'b' }],
    outcomes: { a: 'admitted', b: 'queue-full' },
    admittedOrder: ['a'],
  },
  {
    name: 'waited too long: refused at the bound, not before',
    limits: LIMITS,
    steps: [{ acquire: 'a' }, { acquire: 'b' }, { acquire: 'c' }, { advanceMs: 999 }, { acquire: 'd' }, { advanceMs: 1 }],
    outcomes: { a: 'admitted', b: 'admitted', c: 'wait-timeout', d: 'pending' },
    admittedOrder: ['a', 'b'],
  },
  {
    name: 'a timed-out waiter frees its place in the queue and is never admitted later',
    limits: LIMITS,
    steps: [{ acquire: 'a' }, { acquire: 'b' }, { acquire: 'c' }, { advanceMs: 500 }, { acquire: 'd' }, { advanceMs: 500 }, { acquire: 'e' }, { release: 'a' }, { release: 'b' }],
    outcomes: { a: 'admitted', b: 'admitted', c: 'wait-timeout', d: 'admitted', e: 'admitted' },
    admittedOrder: ['a', 'b', 'd', 'e'],
  },
  {
    name: 'a freed slot goes to the oldest waiter, so a newcomer queues behind the rest',
    limits: { maxConcurrentOperations: 1, maxQueuedOperations: 5, maxQueueWaitMs: 1000 },
    steps: [{ acquire: 'a' }, { acquire: 'b' }, { release: 'a' }, { acquire: 'c' }],
    outcomes: { a: 'admitted', b: 'admitted', c: 'pending' },
    admittedOrder: ['a', 'b'],
  },
  {
    name: 'a waiter whose caller went away leaves the queue',
    limits: LIMITS,
    steps: [{ acquire: 'a' }, { acquire: 'b' }, { acquire: 'c' }, { acquire: 'd' }, { abort: 'c' }, { release: 'a' }],
    outcomes: { a: 'admitted', b: 'admitted', c: 'cancelled', d: 'admitted' },
    admittedOrder: ['a', 'b', 'd'],
  },
  {
    name: 'releasing twice frees one slot only',
    limits: { maxConcurrentOperations: 1, maxQueuedOperations: 5, maxQueueWaitMs: 1000 },
    steps: [{ acquire: 'a' }, { acquire: 'b' }, { acquire: 'c' }, { release: 'a' }, { release: 'a' }],
    outcomes: { a: 'admitted', b: 'admitted', c: 'pending' },
    admittedOrder: ['a', 'b'],
  },
];

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** Lets settled promises run their callbacks. */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('AdmissionQueue', () => {
  it.each(CASES)('$name', async ({ limits, steps, outcomes, admittedOrder }) => {
    const queue = new AdmissionQueue(limits);
    const results = new Map<string, Admission>();
    const aborts = new Map<string, AbortController>();
    const order: string[] = [];
    for (const step of steps) {
      if ('acquire' in step) {
        const name = step.acquire;
        const controller = new AbortController();
        aborts.set(name, controller);
        void queue.acquire(controller.signal).then((admission) => {
          results.set(name, admission);
          if (admission.admitted) order.push(name);
        });
      } else if ('release' in step) {
        const admission = results.get(step.release);
        if (!admission?.admitted) throw new Error(`${step.release} was not admitted`);
        admission.release();
      } else if ('abort' in step) {
        aborts.get(step.abort)?.abort();
      } else {
        jest.advanceTimersByTime(step.advanceMs);
      }
      await flush();
      // Counters stay within their bounds after every step.
      const stats = queue.stats();
      expect(stats.executing).toBeGreaterThanOrEqual(0);
      expect(stats.executing).toBeLessThanOrEqual(limits.maxConcurrentOperations);
      expect(stats.queued).toBeGreaterThanOrEqual(0);
      expect(stats.queued).toBeLessThanOrEqual(limits.maxQueuedOperations);
    }
    const seen = Object.fromEntries(Object.keys(outcomes).map((name) => {
      const admission = results.get(name);
      return [name, admission === undefined ? 'pending' : admission.admitted ? 'admitted' : admission.reason];
    }));
    expect(seen).toEqual(outcomes);
    expect(order).toEqual(admittedOrder);
  });

  it('counts what it did, and the counters return to zero when everything is released', async () => {
    const queue = new AdmissionQueue({ maxConcurrentOperations: 1, maxQueuedOperations: 1, maxQueueWaitMs: 100 });
    const first = await queue.acquire();
    const second = queue.acquire();
    const third = await queue.acquire();
    expect(third).toMatchObject({ admitted: false, reason: 'queue-full' });
    expect(queue.stats()).toMatchObject({ executing: 1, queued: 1, admitted: 1, refusedQueueFull: 1, peakQueued: 1 });
    jest.advanceTimersByTime(100);
    expect(await second).toMatchObject({ admitted: false, reason: 'wait-timeout', waitedMs: 100 });
    if (first.admitted) first.release();
    expect(queue.stats()).toMatchObject({ executing: 0, queued: 0, admitted: 1, refusedQueueFull: 1, refusedWaitTimeout: 1, cancelled: 0, peakExecuting: 1, peakQueued: 1 });
    // Nothing is left scheduled: a timed-out or admitted waiter's timer is cleared.
    expect(jest.getTimerCount()).toBe(0);
  });

  it('times the admitted from acquire to release, their wait in the queue included, and no refusal', async () => {
    const queue = new AdmissionQueue({ maxConcurrentOperations: 1, maxQueuedOperations: 2, maxQueueWaitMs: 1000 });
    const release = (admission: Admission): void => {
      if (!admission.admitted) throw new Error('expected an admission');
      admission.release();
    };
    expect(queue.stats().admittedTimeMs).toEqual({ p50: 0, p99: 0, max: 0 });
    const first = await queue.acquire();
    const second = queue.acquire(); // queued behind first
    const third = queue.acquire(); // queued behind second
    expect(await queue.acquire()).toMatchObject({ admitted: false, reason: 'queue-full' });
    jest.advanceTimersByTime(100);
    release(first); // 100 ms: no wait, ran 100
    const admittedSecond = await second;
    jest.advanceTimersByTime(200);
    release(admittedSecond); // 300 ms: waited 100, ran 200
    const admittedThird = await third;
    jest.advanceTimersByTime(600);
    release(admittedThird); // 900 ms: waited 300, ran 600
    // The histogram keeps three significant digits: within 5 ms here.
    const { p50, p99, max } = queue.stats().admittedTimeMs;
    expect([p50, p99, max].map((ms) => Math.round(ms / 10) * 10)).toEqual([300, 900, 900]);
  });

  it('clears the wait timer of an admitted waiter', async () => {
    const queue = new AdmissionQueue({ maxConcurrentOperations: 1, maxQueuedOperations: 1, maxQueueWaitMs: 100 });
    const first = await queue.acquire();
    const second = queue.acquire();
    expect(jest.getTimerCount()).toBe(1);
    if (first.admitted) first.release();
    expect(await second).toMatchObject({ admitted: true });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('refuses limits that would admit nothing', () => {
    expect(() => new AdmissionQueue({ maxConcurrentOperations: 0, maxQueuedOperations: 1, maxQueueWaitMs: 1 })).toThrow(RangeError);
  });
});
