// util.autoKsuid: 20 bytes (4-byte seconds since the KSUID epoch 2014-05-13T16:53:20Z, then 16
// random bytes) written as 27 base62 characters, zero-padded.
import type { HostBridge } from '../../contract';
import { hexDigitValue } from './ulid';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KSUID_EPOCH_SECONDS = 1400000000;
const KSUID_LENGTH = 27;

// Big-endian bytes to base62 by repeated division; no BigInt needed.
function toBase62(bytes: number[]): string {
  let digits = bytes.slice();
  let out = '';
  while (digits.some((d) => d !== 0)) {
    const quotient: number[] = [];
    let remainder = 0;
    for (const d of digits) {
      const acc = remainder * 256 + d;
      const q = Math.floor(acc / 62);
      remainder = acc % 62;
      if (quotient.length > 0 || q !== 0) quotient.push(q);
    }
    out = BASE62[remainder] + out;
    digits = quotient;
  }
  return out.padStart(KSUID_LENGTH, '0');
}

export function createKsuidGenerator(bridge: HostBridge): () => string {
  return () => {
    const seconds = Math.floor(bridge.nowMs() / 1000) - KSUID_EPOCH_SECONDS;
    const bytes = [(seconds >>> 24) & 255, (seconds >>> 16) & 255, (seconds >>> 8) & 255, seconds & 255];
    const hex = bridge.randomHex(16);
    for (let i = 0; i < 32; i += 2) bytes.push(hexDigitValue(hex[i]) * 16 + hexDigitValue(hex[i + 1]));
    return toBase62(bytes);
  };
}
