import type { LoadSubscriber } from './load-clients';

/**
 * Resolves true once the subscribers together hold `expected` data frames, or false after
 * timeoutMs (a bound for a lost frame, not a sleep: it only matters when something is missing,
 * and the assertions that follow say what) or once `until` settles (e.g. the socket closed).
 */
export function awaitDeliveries(subscribers: readonly LoadSubscriber[], expected: number, timeoutMs: number, until?: Promise<unknown>): Promise<boolean> {
  const total = (): number => subscribers.reduce((sum, s) => sum + s.received, 0);
  return new Promise((resolve) => {
    if (total() >= expected) return resolve(true);
    let count = total();
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (reached: boolean): void => {
      clearTimeout(timer);
      for (const s of subscribers) s.onEachDelivery(() => undefined);
      resolve(reached);
    };
    void until?.then(() => done(false));
    for (const s of subscribers) {
      s.onEachDelivery(() => {
        count++;
        if (count >= expected) done(true);
      });
    }
  });
}
