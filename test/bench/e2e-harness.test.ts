// The end-to-end benchmark's harness against a real twin (in its own process, in memory), on the
// smallest layout: 2 subscribers in one room at saturation, at a steady 10 msg/s and in a burst,
// then 2 rooms x 2 subscribers. Checks that each case reports its figures and that what the twin
// acknowledged reached every subscriber of its room exactly once.
import type { BenchConfig } from '../../bench/e2e/config';
import { FULL } from '../../bench/e2e/config';
import { measureTarget, type TargetResult } from '../../bench/e2e/measure-target';
import { populateTwin } from '../../bench/e2e/population';
import { startTwinTarget, type RunningTarget } from '../../bench/e2e/targets';

const TINY: BenchConfig = {
  ...FULL,
  quick: true,
  runs: 1,
  senders: 2,
  readers: 2,
  oneRoomSubscribers: [2],
  saturationMs: 500,
  warmUpMs: 200,
  steady: { ratePerSecond: 10, durationMs: 500 },
  manyRooms: { rooms: 2, subscribersPerRoom: 2, durationMs: 500 },
  burst: { subscribers: 2, ratePerSecond: 200, durationMs: 250, maxInFlight: 8 },
  deliveryGraceMs: 5000,
};

let twin: RunningTarget | undefined;
let result: TargetResult;

beforeAll(async () => {
  const started = await startTwinTarget(null);
  twin = started;
  const population = await populateTwin(started.info, { senders: TINY.senders, readers: TINY.readers, manyRooms: TINY.manyRooms.rooms });
  result = await measureTarget(started, population, TINY, () => undefined);
}, 90_000);

afterAll(async () => {
  await twin?.stop();
});

describe('the end-to-end harness on a real twin', () => {
  it('runs every case of the layout', () => {
    expect(result.cases.map((c) => c.caseId)).toEqual(['one-room-2-saturation', 'one-room-2-steady', 'one-room-2-burst', 'rooms-2x2-saturation']);
    expect(result.groups.map((g) => [g.groupId, g.sockets, g.connectFailures])).toEqual([
      ['idle-2', 2, []],
      ['one-room-2', 2, []],
      ['rooms-2x2', 4, []],
    ]);
  });

  it('delivers every acknowledged message to each subscriber of its room once (2 per message)', () => {
    for (const entry of result.cases) {
      const [run] = entry.runs;
      expect(run).toBeDefined();
      expect(run?.accepted).toBeGreaterThan(0);
      expect({ caseId: entry.caseId, lost: run?.lost, duplicated: run?.duplicated, outOfOrder: run?.outOfOrder, unexpected: run?.unexpected }).toEqual({
        caseId: entry.caseId,
        lost: 0,
        duplicated: 0,
        outOfOrder: 0,
        unexpected: 0,
      });
      expect(run?.deliveries).toBe((run?.accepted ?? 0) * 2);
    }
  });

  it('refuses nothing in a burst that stays within the twin\'s admission limits (8 in flight)', () => {
    const burst = result.cases.find((c) => c.caseId === 'one-room-2-burst')?.runs[0];
    expect({ refused: burst?.refused, throttled: burst?.throttled }).toEqual({ refused: 0, throttled: 0 });
  });

  it('sends a steady pattern at its rate: 10 msg/s for 0.5 s is 5 messages', () => {
    expect(result.cases.find((c) => c.caseId === 'one-room-2-steady')?.runs[0]?.sent).toBe(5);
  });

  it('reports latency, CPU and memory of the twin and its DynamoDB Local', () => {
    const [run] = result.cases[0]?.runs ?? [];
    const processes = result.cases[0]?.processes[0];
    expect(run?.latencyMs.p50).toBeGreaterThan(0);
    expect(run?.latencyMs.max).toBeGreaterThanOrEqual(run?.latencyMs.p99 ?? Number.POSITIVE_INFINITY);
    expect(processes?.node?.peakRssMiB).toBeGreaterThan(0);
    expect(processes?.jvm?.peakRssMiB).toBeGreaterThan(0);
    expect(processes?.node?.cpuPercent).toBeGreaterThan(0);
    expect(result.startupMs).toBeGreaterThan(0);
    // Read through the twin's inspector after a full collection, for the idle group only.
    expect(Number.isFinite(result.groups[0]?.heldKiBPerSocket)).toBe(true);
    expect(result.groups[1]?.heldKiBPerSocket).toBeUndefined();
  });
});
