/**
 * Finds half-open sockets: a peer that vanished without a FIN (a dead network, a frozen host)
 * never makes a write fail, and the protocol's ka frames go one way only. So a WebSocket ping goes
 * out every intervalMs; a ping not answered by a pong within timeoutMs means the peer is gone.
 * Free of the socket library: the adapter supplies ping() and onDead().
 */
import type { Timers } from './protocol';

export interface HeartbeatPeer {
  ping(): void;
  /** Called once, when a ping went unanswered. */
  onDead(): void;
}

export interface Heartbeat {
  /** The peer answered. */
  pong(): void;
  stop(): void;
}

export function startHeartbeat(peer: HeartbeatPeer, timers: Timers, intervalMs: number, timeoutMs: number): Heartbeat {
  let awaiting: unknown = null;
  let stopped = false;
  const stop = (): void => {
    stopped = true;
    timers.clearInterval(interval);
    if (awaiting !== null) timers.clearTimeout(awaiting);
    awaiting = null;
  };
  const interval = timers.setInterval(() => {
    // One ping at a time: a slow pong is judged by its own timeout, not by the next tick.
    if (stopped || awaiting !== null) return;
    awaiting = timers.setTimeout(() => {
      stop();
      peer.onDead();
    }, timeoutMs);
    peer.ping();
  }, intervalMs);
  return {
    pong() {
      if (awaiting !== null) timers.clearTimeout(awaiting);
      awaiting = null;
    },
    stop,
  };
}
