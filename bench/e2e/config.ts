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
