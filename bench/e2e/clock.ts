/**
 * One clock for every process of the benchmark: CLOCK_MONOTONIC (process.hrtime), which Linux
 * shares between processes, so a send time stamped by a sender process and an arrival time taken
 * by a subscriber process can be subtracted. In milliseconds, with sub-millisecond precision.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
