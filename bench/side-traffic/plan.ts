/**
 * The pure parts of the side-traffic benchmark (bench/side-traffic.ts): the levels of typing and
 * presence traffic, each chatter's schedule, and the stated bound with its check.
 */

export interface SideLevel {
  name: 'none' | 'at-limits' | '4x-over';
  /** Period of each chatter's setTyping and heartbeat calls; null sends nothing. */
  periods: { typingMs: number; heartbeatMs: number } | null;
  /** Whether the bound applies to this level (4x-over is reported only). */
  bounded: boolean;
}

/**
 * at-limits: just above the resolvers' windows (resolvers/lib/limits.ts: 2 s and 5 s), the most
 * they admit; 4x-over: four times that, so most calls are refused with LimitExceeded.
 */
export const LEVELS: readonly SideLevel[] = [
  { name: 'none', periods: null, bounded: false },
  { name: 'at-limits', periods: { typingMs: 2100, heartbeatMs: 5100 }, bounded: true },
  { name: '4x-over', periods: { typingMs: 500, heartbeatMs: 1250 }, bounded: false },
];

/**
 * The stated bound, against `none` measured in the same run, with side traffic at the limits:
 * - steady (10 msg/s, the normal case): p99 send-to-receive stays <= 1.5x, both p99s with
 *   P99_FLOOR_MS added first, so that a few milliseconds of noise on a small p99 (3 ms -> 6 ms)
 *   does not read as a doubling;
 * - saturation: side calls take no more than their own share of the twin's capacity: messages
 *   accepted/s plus side calls accepted/s stay >= 0.80x of the messages accepted/s without them.
 *   A saturated server shares its capacity, so message throughput must fall by about the side
 *   calls it serves; the bound says that a typing signal or heartbeat costs no more than a message.
 */
export const BOUND = {
  minSaturationServedRatio: 0.8,
  maxSteadyP99Ratio: 1.5,
  p99FloorMs: 5,
} as const;

/**
 * Chatter k of `count` starts at k/count of the period, so the calls of all chatters are evenly
 * spread over each period instead of arriving together.
 */
export function chatterOffsetMs(index: number, count: number, periodMs: number): number {
  return (index * periodMs) / count;
}

/** When call n (from 0) of a chatter is due, from the start of its level's traffic. */
export function dueAtMs(startMs: number, offsetMs: number, periodMs: number, n: number): number {
  return startMs + offsetMs + n * periodMs;
}

/** Calls per second all chatters together send at one period. */
export function callsPerSecond(count: number, periodMs: number): number {
  return (count * 1000) / periodMs;
}

export interface BoundCheck {
  /** (messages + side calls accepted/s at the level) / messages accepted/s at none, at saturation. */
  saturationServedRatio: number;
  steadyP99Ratio: number;
  saturationPass: boolean;
  steadyPass: boolean;
  pass: boolean;
}

/** The bound applied to medians of a level and of `none`. */
export function checkBound(
  none: { saturationAcceptedPerSecond: number; steadyP99Ms: number },
  level: { saturationAcceptedPerSecond: number; sideAcceptedPerSecond: number; steadyP99Ms: number },
): BoundCheck {
  const saturationServedRatio = (level.saturationAcceptedPerSecond + level.sideAcceptedPerSecond) / none.saturationAcceptedPerSecond;
  const steadyP99Ratio = (level.steadyP99Ms + BOUND.p99FloorMs) / (none.steadyP99Ms + BOUND.p99FloorMs);
  // A NaN ratio (a figure missing) fails both comparisons, so it cannot pass by accident.
  const saturationPass = saturationServedRatio >= BOUND.minSaturationServedRatio;
  const steadyPass = steadyP99Ratio <= BOUND.maxSteadyP99Ratio;
  return { saturationServedRatio, steadyP99Ratio, saturationPass, steadyPass, pass: saturationPass && steadyPass };
}
