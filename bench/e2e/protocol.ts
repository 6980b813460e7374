/**
 * The GraphQL documents every target answers (the twin, the peer and the two ceilings), and the
 * messages the orchestrator and its worker processes exchange over IPC.
 */
export const MESSAGE_FIELDS = 'roomId id senderId sender content createdAt';
export const ON_NEW_MESSAGE = `subscription($roomId: ID!) { onNewMessage(roomId: $roomId) { ${MESSAGE_FIELDS} } }`;
export const SEND_MESSAGE = `mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { ${MESSAGE_FIELDS} } }`;

/** Where a target listens (plain HTTP and ws:// on loopback for all of them). */
export interface Endpoint {
  graphqlUrl: string;
  realtimeUrl: string;
}

/** One socket with one onNewMessage subscription. */
export interface SocketPlan {
  subscriptionId: string;
  token: string;
  roomId: string;
}

export type SubscriberCommand =
  | { type: 'connect'; endpoint: Endpoint; sockets: SocketPlan[]; width: number }
  | { type: 'count' }
  | { type: 'collect' }
  | { type: 'close' };

/** What one subscription saw: clientMessageIds in arrival order and each one's send-to-receive ms. */
export interface SubscriptionRecord {
  subscriptionId: string;
  roomId: string;
  clientMessageIds: string[];
  latenciesMs: number[];
}

export type SubscriberReply =
  | { type: 'connected'; ms: number; failures: string[] }
  | { type: 'count'; received: number; closedSockets: number }
  | { type: 'collected'; subscriptions: SubscriptionRecord[] }
  | { type: 'closed' };

export interface SenderPlan {
  /** Names the sender in its clientMessageIds. */
  tag: string;
  token: string;
  /** Sent to in turn. */
  roomIds: string[];
}

export type LoadPattern =
  /** Each sender sends the next message when the last was answered, for durationMs. */
  | { kind: 'saturation'; durationMs: number }
  /** ratePerSecond messages in all, evenly spaced, spread over the senders in turn. */
  | { kind: 'steady'; ratePerSecond: number; durationMs: number }
  /**
   * As steady, at a rate well above capacity (overload), with at most maxInFlight requests open:
   * a cap generous enough that the server's own overload policy, not the generator, decides.
   */
  | { kind: 'burst'; ratePerSecond: number; durationMs: number; maxInFlight: number };

export type SenderCommand = { type: 'run'; endpoint: Endpoint; senders: SenderPlan[]; pattern: LoadPattern };

export interface SendRecord {
  clientMessageId: string;
  roomId: string;
  sentAtMs: number;
  /** Answer time of an accepted send; null when it was refused or failed. */
  ackAtMs: number | null;
  /** The HTTP status, when there was an answer (429: refused by the server's overload policy). */
  status?: number;
  error?: string;
}

export type SenderReply = { type: 'result'; sends: SendRecord[]; startedAtMs: number; endedAtMs: number; skipped: number };
