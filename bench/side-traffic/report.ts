/**
 * build/bench/side-traffic.md (or bench/results/side-traffic.md with --save): per level of side
 * traffic and per message pattern, medians of the runs with min–max, the side traffic the
 * chatters achieved, the server's CPU and memory, the ratios to `none`, and the bound.
 */
import type { RunFigures } from '../e2e/analyse-run';
import type { ProcessFigures } from '../e2e/proc-stats';
import { spread, type Spread } from '../e2e/summary';
import { BOUND, checkBound, LEVELS, type BoundCheck, type SideLevel } from './plan';
import type { CallCounts, ChatterStats } from './protocol';

export type PatternName = 'saturation' | 'steady';
export const PATTERNS: readonly PatternName[] = ['saturation', 'steady'];

export interface Measured {
  figures: RunFigures;
  processes: Record<string, ProcessFigures>;
}

/** One run of one level: both patterns under the same stretch of side traffic. */
export interface LevelRun {
  level: SideLevel['name'];
  run: number;
  patterns: Record<PatternName, Measured>;
  /** null at the level without side traffic. */
  side: ChatterStats | null;
  /** CPU % of the chatter worker process over the level (it shares the server's cores). */
  chatterCpuPercent?: number;
}

export interface SideTrafficResults {
  quick: boolean;
  runs: number;
  seconds: number;
  node: string;
  loadAverage: { before: number[]; after: number[] };
  setup: { subscribers: number; senders: number; chatters: number; saturationMs: number; steady: { ratePerSecond: number; durationMs: number } };
  levelRuns: LevelRun[];
}

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function cell(s: Spread): string {
  if (!Number.isFinite(s.median)) return '—';
  return s.min === s.max ? fmt(s.median) : `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
}

function ratioText(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '—';
}

function runsOf(results: SideTrafficResults, level: SideLevel['name']): LevelRun[] {
  return results.levelRuns.filter((r) => r.level === level);
}

function patternSpread(runs: readonly LevelRun[], pattern: PatternName, read: (m: Measured) => number | undefined): Spread {
  return spread(runs.map((r) => read(r.patterns[pattern])).filter((v): v is number => v !== undefined));
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** The columns of the main table, each read from one measured pattern. */
const COLUMNS: ReadonlyArray<{ label: string; read: (m: Measured) => number | undefined }> = [
  { label: 'accepted msg/s', read: (m) => m.figures.acceptedPerSecond },
  { label: 'deliveries/s', read: (m) => m.figures.deliveriesPerSecond },
  { label: 'p50 ms', read: (m) => m.figures.latencyMs.p50 },
  { label: 'p95 ms', read: (m) => m.figures.latencyMs.p95 },
  { label: 'p99 ms', read: (m) => m.figures.latencyMs.p99 },
  { label: 'Node CPU %', read: (m) => m.processes.node?.cpuPercent },
  { label: 'Node peak RSS MiB', read: (m) => m.processes.node?.peakRssMiB },
  { label: 'JVM CPU %', read: (m) => m.processes.jvm?.cpuPercent },
];

const HEADLINES: Record<PatternName, { label: string; read: (m: Measured) => number }> = {
  saturation: { label: 'deliveries/s', read: (m) => m.figures.deliveriesPerSecond },
  steady: { label: 'p99 ms', read: (m) => m.figures.latencyMs.p99 },
};

/** The main table: one row per level and pattern; the checks summed over the runs. */
export function patternRows(results: SideTrafficResults): string[] {
  const header = ['level', 'pattern', ...COLUMNS.map((c) => c.label), 'lost / dup / out of order', `vs none`];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  const none = runsOf(results, 'none');
  for (const level of LEVELS) {
    const runs = runsOf(results, level.name);
    if (runs.length === 0) continue;
    for (const pattern of PATTERNS) {
      const checks = ['lost', 'duplicated', 'outOfOrder'] as const;
      const counts = checks.map((k) => sum(runs.map((r) => r.patterns[pattern].figures[k]))).join(' / ');
      // Saturation is read by its throughput, steady by its tail latency (raw ratio; the bound adds its floor).
      const headline = HEADLINES[pattern];
      const versus = level.name === 'none' ? '—' : `${headline.label}: ${ratioText(patternSpread(runs, pattern, headline.read).median / patternSpread(none, pattern, headline.read).median)}`;
      lines.push(`| ${level.name} | ${pattern} | ${COLUMNS.map((c) => cell(patternSpread(runs, pattern, c.read))).join(' | ')} | ${counts} | ${versus} |`);
    }
  }
  return lines;
}

function refusedText(counts: readonly CallCounts[], seconds: readonly number[]): string {
  const reasons = [...new Set(counts.flatMap((c) => Object.keys(c.refused)))].sort();
  if (reasons.length === 0) return '0';
  return reasons.map((reason) => `${reason} ${cell(spread(counts.map((c, i) => (c.refused[reason] ?? 0) / (seconds[i] as number))))}`).join(', ');
}

/** What the chatters achieved per level, per second over the stretch each ran. */
export function sideRows(results: SideTrafficResults): string[] {
  const header = ['level', 'setTyping sent/s', 'accepted/s', 'refused/s', 'heartbeat sent/s', 'accepted/s', 'refused/s', 'onTyping frames/s', 'onPresence frames/s', 'own typing frames', 'late calls', 'skipped calls'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const level of LEVELS) {
    const stats = runsOf(results, level.name).flatMap((r) => (r.side ? [r.side] : []));
    if (stats.length === 0) continue;
    const seconds = stats.map((s) => s.windowMs / 1000);
    const rate = (read: (s: ChatterStats) => number): string => cell(spread(stats.map((s, i) => read(s) / (seconds[i] as number))));
    const refusedOf = (kind: 'typing' | 'heartbeat'): string => refusedText(stats.map((s) => s[kind]), seconds);
    lines.push(
      `| ${level.name} | ${rate((s) => s.typing.sent)} | ${rate((s) => s.typing.accepted)} | ${refusedOf('typing')} | ${rate((s) => s.heartbeat.sent)} | ${rate((s) => s.heartbeat.accepted)} | ${refusedOf('heartbeat')} | ${rate((s) => s.typingFrames)} | ${rate((s) => s.presenceFrames)} | ${sum(stats.map((s) => s.ownTypingFrames))} | ${sum(stats.map((s) => s.lateCalls))} | ${sum(stats.map((s) => s.skippedCalls))} |`,
    );
  }
  return lines;
}

/** Side calls (setTyping + heartbeat) accepted per second over a level's stretch. */
function sideAcceptedPerSecond(run: LevelRun): number | undefined {
  if (!run.side) return undefined;
  return (run.side.typing.accepted + run.side.heartbeat.accepted) / (run.side.windowMs / 1000);
}

/** The bound on the medians of `at-limits` against `none`. */
export function boundOf(results: SideTrafficResults, level: SideLevel['name'] = 'at-limits'): BoundCheck {
  const figures = (runs: LevelRun[]) => ({
    saturationAcceptedPerSecond: patternSpread(runs, 'saturation', (m) => m.figures.acceptedPerSecond).median,
    sideAcceptedPerSecond: spread(runs.map(sideAcceptedPerSecond).filter((v): v is number => v !== undefined)).median,
    steadyP99Ms: patternSpread(runs, 'steady', (m) => m.figures.latencyMs.p99).median,
  });
  return checkBound(figures(runsOf(results, 'none')), figures(runsOf(results, level)));
}

export function boundLines(check: BoundCheck): string[] {
  const verdict = (pass: boolean): string => (pass ? '**pass**' : '**FAIL**');
  return [
    `- steady p99, (at-limits + ${BOUND.p99FloorMs} ms) ÷ (none + ${BOUND.p99FloorMs} ms): ${ratioText(check.steadyP99Ratio)} (bound ≤ ${BOUND.maxSteadyP99Ratio.toFixed(2)}×): ${verdict(check.steadyPass)}`,
    `- saturation, (messages + side calls accepted/s at at-limits) ÷ messages accepted/s at none: ${ratioText(check.saturationServedRatio)} (bound ≥ ${BOUND.minSaturationServedRatio.toFixed(2)}×): ${verdict(check.saturationPass)}`,
  ];
}

/** Whether no run lost, duplicated or reordered a message. */
export function deliveryIntact(results: SideTrafficResults): boolean {
  return results.levelRuns.every((r) => PATTERNS.every((p) => r.patterns[p].figures.lost === 0 && r.patterns[p].figures.duplicated === 0 && r.patterns[p].figures.outOfOrder === 0));
}

export function renderReport(results: SideTrafficResults): string {
  const { setup } = results;
  const check = boundOf(results);
  const at = LEVELS.find((l) => l.name === 'at-limits')?.periods;
  const over = LEVELS.find((l) => l.name === '4x-over')?.periods;
  const load = (values: number[]): string => values.map((v) => v.toFixed(1)).join(' / ');
  return [
    '# Side traffic: typing and presence beside message fan-out (the twin)',
    '',
    `Measured by \`npm run bench:side-traffic${results.quick ? ' -- --quick' : ''}\` (bench/side-traffic.ts) in ${Math.round(results.seconds)} s on ${results.node}, 2 CPU cores, ` +
      `${results.quick ? 'one run per case (--quick: a smoke check, not figures to quote)' : `median of ${results.runs} runs, min–max in brackets`}; ` +
      `load average ${load(results.loadAverage.before)} at the start, ${load(results.loadAverage.after)} at the end.`,
    '',
    `One room: ${setup.subscribers} onNewMessage subscribers, ${setup.senders} senders (saturation for ${setup.saturationMs / 1000} s; steady ${setup.steady.ratePerSecond} msg/s for ${setup.steady.durationMs / 1000} s), ` +
      `and ${setup.chatters} chatters, members of the room, each with one socket subscribed to onTyping and onPresence, calling setTyping and heartbeat over HTTP. ` +
      `Levels: **none**; **at-limits** (setTyping every ${(at?.typingMs ?? 0) / 1000} s, heartbeat every ${(at?.heartbeatMs ?? 0) / 1000} s per chatter, just above the 2 s and 5 s limits); ` +
      `**4x-over** (every ${(over?.typingMs ?? 0) / 1000} s / ${(over?.heartbeatMs ?? 0) / 1000} s: most refused with LimitExceeded; reported, not bounded). ` +
      'Each run measures every level in turn, so drift hits them alike; the side traffic starts 1 s before its level is measured and runs through both patterns.',
    '',
    '## Bound (at-limits against none, medians)',
    '',
    ...boundLines(check),
    `- lost / duplicated / out-of-order messages at every level: ${deliveryIntact(results) ? 'none' : '**some (see the table)**'}`,
    '',
    `The p99 comparison adds ${BOUND.p99FloorMs} ms to both sides, so that a few milliseconds of scheduling noise on a small p99 (3 ms → 6 ms) is not read as a doubling. ` +
      'At saturation the twin is CPU-bound and shares its capacity, so messages must give way to the side calls it serves; the bound is that they give way by no more than about one message per side call (side calls are counted over the level\'s whole stretch). The raw ratio of message deliveries is in the last column of the table below.',
    '',
    '## Messages',
    '',
    ...patternRows(results),
    '',
    '## Side traffic achieved (per second of the stretch it ran)',
    '',
    ...sideRows(results),
    '',
    'Own typing frames count onTyping frames about the chatter\'s own signal (the resolver filters those out, so 0). Late calls started more than 50 ms after their due time (the generator fell behind); skipped calls were due while the same chatter\'s previous call of that kind was still unanswered (each chatter keeps at most one of each open, as a page would not pile calls on a server that is not answering).',
    '',
  ].join('\n');
}
