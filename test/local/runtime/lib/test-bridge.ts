// A deterministic HostBridge for unit tests: a pinned, settable clock and a seeded byte stream.
import { createHash } from 'node:crypto';
import { createHostBridge } from '../../../../local/runtime/host-bridge';
import { newEvaluationRecord, type EvaluationRecord, type HostBridge } from '../../../../local/runtime/sandbox/contract';
import { createAppSyncModules, type AppSyncModules } from '../../../../local/runtime/sandbox/lib';

export interface TestBridge extends HostBridge {
  setNow(ms: number): void;
  /** Force the next randomHex results (consumed first). */
  queueHex(...hex: string[]): void;
}

export function createTestBridge(startMs = 1_517_943_695_758, seed = 'seed'): TestBridge {
  let now = startMs;
  let counter = 0;
  const queued: string[] = [];
  const randomHex = (n: number): string => {
    const forced = queued.shift();
    if (forced !== undefined) return forced;
    let hex = '';
    while (hex.length < n * 2) hex += createHash('sha256').update(`${seed}:${counter++}`).digest('hex');
    return hex.slice(0, n * 2);
  };
  return {
    // Time and base64 as the engine's bridge does them; only the clock is pinned.
    ...createHostBridge(() => now),
    randomHex,
    randomUUID() {
      const h = randomHex(16).split('');
      h[12] = '4';
      h[16] = '89ab'[parseInt(h[16], 16) & 3];
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    setNow(ms) {
      now = ms;
    },
    queueHex(...hex) {
      queued.push(...hex);
    },
  };
}

export const emptyRecord: () => EvaluationRecord = newEvaluationRecord;

export interface Harness {
  modules: AppSyncModules;
  bridge: TestBridge;
  record: EvaluationRecord;
  /** Start a new evaluation: a fresh record, as the engine does. */
  reset(): void;
}

export function createHarness(authType = 'User Pool Authorization'): Harness {
  const bridge = createTestBridge();
  const harness: Harness = {
    bridge,
    record: emptyRecord(),
    modules: createAppSyncModules(bridge, () => harness.record, () => authType),
    reset() {
      harness.record = emptyRecord();
    },
  };
  return harness;
}

/** Run `fn` and return what it threw (fails the test when it returns normally). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (thrown) {
    return thrown;
  }
  throw new Error('expected the call to throw');
}
