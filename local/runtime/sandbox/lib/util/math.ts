// util.math. Randomness comes from the host bridge so tests can make it deterministic.
import type { HostBridge } from '../../contract';
import { RANDOM_WITHIN_RANGE_INCLUDES_END } from '../aws-unverified';
import { hexDigitValue } from './ulid';

/** A double in [0, 1) from 52 random bits (13 hex digits stay exact in a double). */
function randomDouble(bridge: HostBridge): number {
  const hex = bridge.randomHex(7).slice(0, 13);
  let value = 0;
  for (const ch of hex) value = value * 16 + hexDigitValue(ch);
  return value / 2 ** 52;
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
