// The pure parts of the side-traffic benchmark (bench/side-traffic/plan.ts, report.ts): the
// chatters' schedule, the levels against the resolvers' limits, the bound check, and the
// report's rows, on hand-made figures whose right answers are worked out in the comments.
import type { RunFigures } from '../../bench/e2e/analyse-run';
import { BOUND, callsPerSecond, chatterOffsetMs, checkBound, dueAtMs, LEVELS } from '../../bench/side-traffic/plan';
import type { ChatterStats } from '../../bench/side-traffic/protocol';
import { boundOf, deliveryIntact, patternRows, sideRows, type LevelRun, type SideTrafficResults } from '../../bench/side-traffic/report';
import { HEARTBEAT_INTERVAL_MS, TYPING_INTERVAL_MS } from '../../resolvers/lib/limits';

describe('the chatter schedule', () => {
  it('spreads 50 chatters evenly over a 2.1 s period: 42 ms apart, the last at 2,058 ms', () => {
    expect([0, 1, 2, 49].map((k) => chatterOffsetMs(k, 50, 2100))).toEqual([0, 42, 84, 2058]);
  });

  it('puts call n at start + offset + n periods, so late timers do not drift the rate', () => {
    // 1,000 + 42 + 3 × 2,100
    expect(dueAtMs(1000, 42, 2100, 3)).toBe(7342);
  });

  it('gives the rates the brief states: about 24 typing and 10 heartbeats per second at the limits', () => {
    // 50 / 2.1 s = 23.8; 50 / 5.1 s = 9.8; 4x over: 50 / 0.5 s = 100, 50 / 1.25 s = 40
    expect(callsPerSecond(50, 2100)).toBeCloseTo(23.81, 2);
    expect(callsPerSecond(50, 5100)).toBeCloseTo(9.8, 2);
    expect(callsPerSecond(50, 500)).toBe(100);
    expect(callsPerSecond(50, 1250)).toBe(40);
  });

  it('keeps at-limits just above each limit window (within 5 %) and 4x-over at a quarter of it', () => {
    const at = LEVELS.find((l) => l.name === 'at-limits')?.periods ?? { typingMs: Number.NaN, heartbeatMs: Number.NaN };
    const over = LEVELS.find((l) => l.name === '4x-over')?.periods;
    expect(at.typingMs).toBeGreaterThan(TYPING_INTERVAL_MS);
    expect(at.typingMs).toBeLessThanOrEqual(TYPING_INTERVAL_MS * 1.05);
    expect(at.heartbeatMs).toBeGreaterThan(HEARTBEAT_INTERVAL_MS);
    expect(at.heartbeatMs).toBeLessThanOrEqual(HEARTBEAT_INTERVAL_MS * 1.05);
    expect(over).toEqual({ typingMs: TYPING_INTERVAL_MS / 4, heartbeatMs: HEARTBEAT_INTERVAL_MS / 4 });
    expect(LEVELS.filter((l) => l.bounded).map((l) => l.name)).toEqual(['at-limits']);
  });
});

describe('checkBound', () => {
  const none = { saturationAcceptedPerSecond: 100, steadyP99Ms: 3 };

  it.each([
    // (60 + 20) / 100 = 0.80 (at the bound); (6 + 5) / (3 + 5) = 1.375, where without the floor 6 / 3 would be 2
    ['at both bounds or inside', { saturationAcceptedPerSecond: 60, sideAcceptedPerSecond: 20, steadyP99Ms: 6 }, { saturationServedRatio: 0.8, steadyP99Ratio: 1.375, saturationPass: true, steadyPass: true, pass: true }],
    // (60 + 19) / 100 = 0.79: the side calls cost more than their share
    ['served just below 0.80x', { saturationAcceptedPerSecond: 60, sideAcceptedPerSecond: 19, steadyP99Ms: 3 }, { saturationServedRatio: 0.79, steadyP99Ratio: 1, saturationPass: false, steadyPass: true, pass: false }],
    // messages alone at 0.79x fail when no side call was served
    ['messages down with no side call served', { saturationAcceptedPerSecond: 79, sideAcceptedPerSecond: 0, steadyP99Ms: 3 }, { saturationServedRatio: 0.79, saturationPass: false, pass: false }],
    // (7 + 5) / 8 = 1.5 exactly
    ['p99 at exactly 1.5x with the floor', { saturationAcceptedPerSecond: 100, sideAcceptedPerSecond: 0, steadyP99Ms: 7 }, { steadyP99Ratio: 1.5, steadyPass: true, pass: true }],
    // (7.1 + 5) / 8 = 1.5125
    ['p99 just over 1.5x with the floor', { saturationAcceptedPerSecond: 100, sideAcceptedPerSecond: 0, steadyP99Ms: 7.1 }, { steadyP99Ratio: 1.5125, steadyPass: false, pass: false }],
  ])('%s', (_name, level, expected) => {
    const check = checkBound(none, level);
    expect(check).toMatchObject({ ...expected, saturationServedRatio: expect.any(Number), steadyP99Ratio: expect.any(Number) });
    for (const key of ['saturationServedRatio', 'steadyP99Ratio'] as const) {
      const want = (expected as Partial<Record<typeof key, number>>)[key];
      if (want !== undefined) expect(check[key]).toBeCloseTo(want, 10);
    }
  });

  it('fails a missing figure rather than passing it', () => {
    expect(checkBound(none, { saturationAcceptedPerSecond: Number.NaN, sideAcceptedPerSecond: Number.NaN, steadyP99Ms: Number.NaN }).pass).toBe(false);
  });

  it('states the bound the README quotes', () => {
    expect(BOUND).toEqual({ minSaturationServedRatio: 0.8, maxSteadyP99Ratio: 1.5, p99FloorMs: 5 });
  });
});

describe('the report rows', () => {
  const figures = (deliveriesPerSecond: number, p99: number, lost = 0): RunFigures => ({
    sent: 100,
    accepted: 100,
    refused: 0,
    skipped: 0,
    acceptedPerSecond: deliveriesPerSecond / 100,
    deliveries: 0,
    deliveriesPerSecond,
    framesReceived: 0,
    latencyMs: { p50: p99 / 2, p95: p99, p99, max: p99 },
    ackP99Ms: 1,
    lost,
    duplicated: 0,
    outOfOrder: 0,
    unexpected: 0,
  });
  const side = (typingSent: number, typingRefused: number): ChatterStats => ({
    windowMs: 2000,
    typing: { sent: typingSent, accepted: typingSent - typingRefused, refused: typingRefused ? { LimitExceeded: typingRefused } : {} },
    heartbeat: { sent: 20, accepted: 20, refused: {} },
    typingFrames: 2000,
    presenceFrames: 1000,
    ownTypingFrames: 0,
    lateCalls: 0,
    skippedCalls: 1,
    limitRefusalShiftsMs: [],
  });
  const run = (level: LevelRun['level'], n: number, deliveries: number, p99: number, chatter: ChatterStats | null, lost = 0): LevelRun => ({
    level,
    run: n,
    patterns: {
      saturation: { figures: figures(deliveries, 50, lost), processes: { node: { cpuPercent: 90, peakRssMiB: 200 } } },
      steady: { figures: figures(1000, p99), processes: { node: { cpuPercent: 20, peakRssMiB: 200 } } },
    },
    side: chatter,
  });
  const results = (levelRuns: LevelRun[]): SideTrafficResults => ({
    quick: false,
    runs: 3,
    seconds: 100,
    node: 'v0',
    loadAverage: { before: [1, 1, 1], after: [1, 1, 1] },
    setup: { subscribers: 100, senders: 4, chatters: 50, saturationMs: 1500, steady: { ratePerSecond: 10, durationMs: 3000 } },
    levelRuns,
  });
  const measured = results([
    run('none', 1, 1000, 3, null),
    run('none', 2, 1200, 4, null),
    run('none', 3, 1100, 5, null),
    run('at-limits', 1, 900, 6, side(48, 0)),
    run('at-limits', 2, 880, 7, side(48, 2)),
    run('at-limits', 3, 950, 5, side(50, 0)),
  ]);

  it('gives each level and pattern its median (min–max) and the ratio of its headline figure to none', () => {
    const rows = patternRows(measured);
    const noneSaturation = rows.find((r) => r.startsWith('| none | saturation'));
    const atSaturation = rows.find((r) => r.startsWith('| at-limits | saturation'));
    const atSteady = rows.find((r) => r.startsWith('| at-limits | steady'));
    // deliveries 1,000 / 1,200 / 1,100: median 1,100; at-limits 900 / 880 / 950: median 900, 900 / 1,100 = 0.82
    expect(noneSaturation).toContain('| 1,100 (1,000–1,200) |');
    expect(atSaturation).toContain('| 900 (880–950) |');
    expect(atSaturation).toMatch(/deliveries\/s: 0\.82×/);
    // steady p99 at-limits 6 / 7 / 5: median 6 against none's 4: 1.50×
    expect(atSteady).toContain('| 6.00 (5.00–7.00) |');
    expect(atSteady).toMatch(/p99 ms: 1\.50×/);
    expect(atSaturation).toContain('| 0 / 0 / 0 |');
    expect(rows.some((r) => r.startsWith('| 4x-over'))).toBe(false);
  });

  it('gives the side traffic per second of its stretch, refusals by errorType', () => {
    const row = sideRows(measured).find((r) => r.startsWith('| at-limits'));
    // typing sent 48 / 48 / 50 in 2 s: 24 / 24 / 25 per s; refused 0 / 2 / 0: 0 / 1 / 0 per s;
    // heartbeats 20 in 2 s: 10 per s; frames 2,000 and 1,000 in 2 s: 1,000 and 500 per s
    expect(row).toBe('| at-limits | 24.0 (24.0–25.0) | 24.0 (23.0–25.0) | LimitExceeded 0.00 (0.00–1.00) | 10.0 | 10.0 | 0 | 1,000 | 500 | 0 | 0 | 3 |');
    expect(sideRows(measured).some((r) => r.startsWith('| none'))).toBe(false);
  });

  it('checks the bound on the medians: (9 messages + 34 side calls) / 11 messages per second, and (6 + 5) / (4 + 5) p99', () => {
    const check = boundOf(measured);
    // messages accepted/s are deliveries / 100 here: none 10 / 12 / 11 (median 11), at-limits 9 / 8.8 / 9.5 (median 9);
    // side calls accepted in 2 s: 48 + 20, 46 + 20, 50 + 20, so 34 / 33 / 35 per s (median 34)
    expect(check.saturationServedRatio).toBeCloseTo((9 + 34) / 11, 10);
    expect(check.steadyP99Ratio).toBeCloseTo(11 / 9, 10);
    expect(check.pass).toBe(true);
  });

  it('reports a lost message anywhere as delivery not intact', () => {
    expect(deliveryIntact(measured)).toBe(true);
    expect(deliveryIntact(results([...measured.levelRuns, run('4x-over', 1, 500, 9, side(100, 50), 1)]))).toBe(false);
  });
});
