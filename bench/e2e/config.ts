/**
 * What a run measures: the default (medians of three runs, under 10 minutes on 2 cores) and
 * --quick (one run of the smallest cases, about a minute, to check the harness works).
 */
export interface BenchConfig {
  quick: boolean;
  runs: number;
  senders: number;
  readers: number;
  /** N of the one-room cases. */
  oneRoomSubscribers: number[];
  saturationMs: number;
  /** The unrecorded run each target gets first. */
  warmUpMs: number;
  steady: { ratePerSecond: number; durationMs: number };
  manyRooms: { rooms: number; subscribersPerRoom: number; durationMs: number };
  /**
   * Overload: open-loop sends at several times capacity to one room of `subscribers`, with a cap
   * on requests in flight well above the twin's queue (local/server/limits.ts), so the generator
   * does not skip and the servers' overload policies are what the case shows.
   */
  burst: { subscribers: number; ratePerSecond: number; durationMs: number; maxInFlight: number };
  /** How long deliveries may stop arriving before the missing ones count as lost. */
  deliveryGraceMs: number;
  /** Sockets a subscriber process opens at once. */
  connectWidth: number;
}

export const FULL: BenchConfig = {
  quick: false,
  runs: 3,
  senders: 4,
  readers: 10,
  oneRoomSubscribers: [1, 10, 100, 1000],
  saturationMs: 1500,
  warmUpMs: 1000,
  steady: { ratePerSecond: 10, durationMs: 3000 },
  manyRooms: { rooms: 100, subscribersPerRoom: 10, durationMs: 1500 },
  burst: { subscribers: 100, ratePerSecond: 1500, durationMs: 1500, maxInFlight: 2000 },
  deliveryGraceMs: 3000,
  connectWidth: 50,
};

export const QUICK: BenchConfig = {
  ...FULL,
  quick: true,
  runs: 1,
  oneRoomSubscribers: [1, 100],
  saturationMs: 1000,
  warmUpMs: 500,
  steady: { ratePerSecond: 10, durationMs: 2000 },
  manyRooms: { rooms: 10, subscribersPerRoom: 10, durationMs: 1000 },
  burst: { subscribers: 100, ratePerSecond: 1500, durationMs: 1000, maxInFlight: 2000 },
  deliveryGraceMs: 2000,
};

/** One case of the one-room layout, run alone (`--case n1-saturation`), to measure a change quickly. */
export interface CaseSelection {
  subscribers: number;
  kind: 'saturation' | 'steady' | 'burst';
}

/** `n<N>-<saturation|steady|burst>`, e.g. n1-saturation, n1000-steady. */
export function parseCaseOption(value: string): CaseSelection {
  const match = /^n(\d+)-(saturation|steady|burst)$/.exec(value);
  if (!match) throw new Error(`--case ${value}: expected n<N>-saturation, n<N>-steady or n<N>-burst (e.g. n1-saturation)`);
  return { subscribers: Number(match[1]), kind: match[2] as CaseSelection['kind'] };
}

/** The command-line names of the targets (--target twin,ceiling-put), as the report names them. */
export const TARGET_OPTIONS = { twin: 'twin', peer: 'peer', 'ceiling-put': 'ceilingWrite', ceiling: 'ceiling' } as const;
export type TargetOption = keyof typeof TARGET_OPTIONS;

export function parseTargetOption(value: string): Array<(typeof TARGET_OPTIONS)[TargetOption]> {
  return value.split(',').map((name) => {
    if (!(name in TARGET_OPTIONS)) throw new Error(`--target ${name}: expected a comma-separated list of ${Object.keys(TARGET_OPTIONS).join(', ')}`);
    return TARGET_OPTIONS[name as TargetOption];
  });
}
