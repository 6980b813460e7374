// util.math. Randomness comes from the host bridge so tests can make it deterministic.
import type { HostBridge } from '../../contract';
import { RANDOM_WITHIN_RANGE_INCLUDES_END } from '../aws-unverified';
import { hexDigitValue } from './ulid';

/** A double in [0, 1) from 53 random bits. */
function randomDouble(bridge: HostBridge): number {
  const hex = bridge.randomHex(7);
  let value = 0;
  for (const ch of hex) value = value * 16 + hexDigitValue(ch);
  return Math.floor(value / 8) / 2 ** 53; // 56 bits -> 53 bits
}

export function createMathUtils(bridge: HostBridge) {
  return {
    roundNum: (input: number) => Math.round(input),
    minVal: (a: number, b: number) => Math.min(a, b),
    maxVal: (a: number, b: number) => Math.max(a, b),
    randomDouble: () => randomDouble(bridge),
    randomWithinRange(start: number, end: number): number {
      const low = Math.ceil(Math.min(start, end));
      const high = Math.floor(Math.max(start, end));
      const span = high - low + (RANDOM_WITHIN_RANGE_INCLUDES_END ? 1 : 0);
      return low + Math.floor(randomDouble(bridge) * span);
    },
  };
}
