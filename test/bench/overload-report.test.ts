// The report's Overload section (bench/e2e/report.ts) on hand-made results whose right answer
// follows from the records: counts are added up over the runs, 429s apart from other refusals.
import { FULL } from '../../bench/e2e/config';
import type { RunFigures } from '../../bench/e2e/analyse-run';
import { overloadSection, type BenchResults } from '../../bench/e2e/report';

const config = { ...FULL, burst: { subscribers: 3, ratePerSecond: 900, durationMs: 1000, maxInFlight: 50 } };
const CASE = 'one-room-3-burst';

function run(accepted: number, throttled: number, other: number, p99: number): RunFigures {
  return {
    sent: accepted + throttled + other,
    accepted,
    refused: throttled + other,
    throttled,
    skipped: 1,
    acceptedPerSecond: accepted,
    deliveries: accepted * 3,
    deliveriesPerSecond: accepted * 3,
    framesReceived: accepted * 3,
    latencyMs: { p50: p99 / 2, p95: p99, p99, max: p99 },
    ackP99Ms: p99 - 1,
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    unexpected: 0,
  };
}

const results = (targets: BenchResults['targets']): BenchResults => ({ quick: true, runs: 2, config, seconds: 1, loadAverage: { before: [1], after: [1] }, node: 'v20', targets });
const processes = (rss: number) => ({ node: { cpuPercent: 50, peakRssMiB: rss } });

describe('the Overload section of the report', () => {
  it('gives each target its sent, accepted/s, 429s, other refusals, skipped, admitted p99, lost and peak RSS', () => {
    const lines = overloadSection(
      results([
        { target: 'twin', startupMs: 1, groups: [], cases: [{ caseId: CASE, runs: [run(100, 700, 0, 40), run(120, 680, 2, 60)], processes: [processes(150), processes(170)] }] },
        { target: 'peer', startupMs: 1, groups: [], cases: [{ caseId: CASE, runs: [run(50, 0, 5, 9000), run(50, 0, 7, 11000)], processes: [processes(400), processes(420)] }] },
      ]),
      ['twin', 'peer'],
    );
    const rows = lines.filter((l) => l.startsWith('| twin') || l.startsWith('| peer'));
    // twin: sent 800 + 802; accepted/s median of 100 and 120; 429s 700 + 680; others 0 + 2; skipped 1 + 1.
    expect(rows[0]).toBe('| twin | 1,602 | 110 (100–120) | 1,380 | 2 | 2 | 50.0 (40.0–60.0) | 49.0 (39.0–59.0) | 0 | 0 | 160 (150–170) |');
    expect(rows[1]).toBe('| peer (amplify mock engine) | 112 | 50.0 | 0 | 12 | 2 | 10,000 (9,000–11,000) | 9,999 (8,999–10,999) | 0 | 0 | 410 (400–420) |');
    expect(lines[0]).toBe('## Overload');
  });

  it('is left out when no target ran the burst', () => {
    expect(overloadSection(results([{ target: 'twin', startupMs: 1, groups: [], cases: [] }]), ['twin'])).toEqual([]);
  });
});
