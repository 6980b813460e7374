/** The IPC between bench/side-traffic.ts and its chatter worker process (chatter-worker.ts). */
import type { Endpoint } from '../e2e/protocol';

export const SET_TYPING = 'mutation($r: ID!) { setTyping(roomId: $r) { roomId userId username at } }';
export const HEARTBEAT = 'mutation($r: ID!) { heartbeat(roomId: $r) { roomId userId username lastSeenAt expiresAt } }';
export const ON_TYPING = 'subscription($roomId: ID!) { onTyping(roomId: $roomId) { roomId userId username at } }';
export const ON_PRESENCE = 'subscription($roomId: ID!) { onPresence(roomId: $roomId) { roomId userId username lastSeenAt expiresAt } }';

export interface ChatterPlan {
  userId: string;
  token: string;
}

export type ChatterCommand =
  | { type: 'connect'; endpoint: Endpoint; roomId: string; chatters: ChatterPlan[]; width: number }
  | { type: 'start'; typingMs: number; heartbeatMs: number }
  | { type: 'stop' }
  | { type: 'close' };

export interface CallCounts {
  sent: number;
  accepted: number;
  /** Refused or failed calls by GraphQL errorType (or `http <status>` / `network`). */
  refused: Record<string, number>;
}

export interface ChatterStats {
  /** From start to stop: the stretch calls were sent in (their answers may come later). */
  windowMs: number;
  typing: CallCounts;
  heartbeat: CallCounts;
  typingFrames: number;
  presenceFrames: number;
  /** onTyping frames about the chatter's own signal (the resolver filters these out: should be 0). */
  ownTypingFrames: number;
  /** Calls started later than their due time by more than this many ms (the worker fell behind). */
  lateCalls: number;
  /** Calls not sent because the same chatter's previous call of that kind was still open. */
  skippedCalls: number;
  /**
   * Per LimitExceeded answer: the previous call's answer time minus this one's, in ms. A call
   * sent a full period after the last is refused when the server ran the last one this much
   * later than this one (queueing), so values near or above period - limit confirm jitter.
   */
  limitRefusalShiftsMs: number[];
}

export type ChatterReply =
  | { type: 'connected'; ms: number; failures: string[] }
  | { type: 'started' }
  | { type: 'stopped'; stats: ChatterStats }
  | { type: 'closed' };
