// Host capabilities for the in-realm library, built on node:crypto and Buffer. Primitives only.
import { randomBytes, randomUUID } from 'node:crypto';
import type { HostBridge } from './sandbox/contract';

export function createHostBridge(nowMs: () => number): HostBridge {
  return {
    randomUUID: () => randomUUID(),
    randomHex: (n) => randomBytes(n).toString('hex'),
    nowMs: () => nowMs(),
    base64Encode: (s) => Buffer.from(s, 'utf8').toString('base64'),
    base64Decode: (s) => Buffer.from(s, 'base64').toString('utf8'),
  };
}
