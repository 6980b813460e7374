// util.autoUlid: 26 characters of Crockford base32, 48 bits of milliseconds then 80 random bits.
// Within one library instance, ids made in the same millisecond increase (the random part is
// incremented), so messages created in a burst still sort in creation order.
import type { HostBridge } from '../../contract';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;

function encodeTime(ms: number): string {
  let rest = Math.floor(ms);
  let out = '';
  for (let i = 0; i < 10; i += 1) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

// 10 random bytes (80 bits) as 16 base32 digits (5 bits each).
function randomDigits(bridge: HostBridge): number[] {
  const hex = bridge.randomHex(10);
  let bits = '';
  for (let i = 0; i < hex.length; i += 1) bits += hexDigitValue(hex[i]).toString(2).padStart(4, '0');
  const digits: number[] = [];
  for (let i = 0; i < RANDOM_CHARS; i += 1) {
    let value = 0;
    for (let b = 0; b < 5; b += 1) value = value * 2 + (bits[i * 5 + b] === '1' ? 1 : 0);
    digits.push(value);
  }
  return digits;
}

export function hexDigitValue(ch: string): number {
  const value = '0123456789abcdef'.indexOf(ch.toLowerCase());
  if (value < 0) throw new TypeError(`Not a hex digit: ${ch}`);
  return value;
}

/** Add one to a base32 digit list; false when it overflows (all digits were 31). */
function increment(digits: number[]): boolean {
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    if (digits[i] < 31) {
      digits[i] += 1;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}

export function createUlidGenerator(bridge: HostBridge): () => string {
  let lastMs = -1;
  let lastDigits: number[] = [];
  return () => {
    const now = bridge.nowMs();
    // In the same millisecond, bump the previous random part to keep ids ordered.
    if (now !== lastMs || !increment(lastDigits)) {
      lastMs = now;
      lastDigits = randomDigits(bridge);
    }
    return encodeTime(now) + lastDigits.map((d) => CROCKFORD[d]).join('');
  };
}
