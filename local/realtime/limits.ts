/**
 * Every bound of the realtime endpoint, each with its one value here (the README's limits table
 * lists them). AWS's documented values are used where there is one; the rest are marked UNVERIFIED.
 */
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from './errors';

export interface RealtimeLimits {
  /** Sent in connection_ack: how long the client waits for a ka before giving up. */
  connectionTimeoutMs: number;
  keepAliveIntervalMs: number;
  /** AppSync closes every connection after 24 hours. */
  connectionLifetimeMs: number;
  maxSubscriptions: number;
  /** Larger data payloads are dropped (the mutation still succeeds), as on AWS. */
  maxPayloadBytes: number;
  /**
   * The per-connection rate limit on start frames, a token bucket: it starts full with
   * startBurst tokens and refills at startsPerSecond. Every well-formed start takes a token
   * (whatever becomes of it); one that finds none gets LimitExceededError. Stops, connection_init
   * and refused (malformed) frames take none.
   */
  startBurst: number;
  startsPerSecond: number;
  /**
   * Bytes a connection may have queued and not yet written to the network (ws's bufferedAmount:
   * what the socket holds in user space; the kernel's own send buffer comes on top). A send that
   * leaves more queued closes the connection (closeReasons.outboundBufferExceeded), so a client
   * that stops reading cannot make the twin hold its messages without bound.
   */
  maxOutboundBufferBytes: number;
  /**
   * A connection that has neither sent connection_init nor had a start accepted by then is
   * closed (closeReasons.connectionInitTimeout), so an idle socket cannot be held open forever.
   */
  connectionInitTimeoutMs: number;
  /** A WebSocket ping goes out this often (the protocol's ka frames do not reveal a dead peer). */
  pingIntervalMs: number;
  /** A ping not answered by a pong within this time means the peer is gone: the socket is cut. */
  pongTimeoutMs: number;
  /**
   * Bytes in one frame from a client. A larger one is not read: ws closes the socket with
   * closeReasons.frameTooLarge (1009) as it arrives, so a client cannot make the twin buffer
   * frames of any size.
   */
  maxIncomingFrameBytes: number;
}

export const APPSYNC_LIMITS: RealtimeLimits = {
  connectionTimeoutMs: 300_000,
  keepAliveIntervalMs: 60_000,
  connectionLifetimeMs: 24 * 60 * 60 * 1000,
  maxSubscriptions: MAX_SUBSCRIPTIONS_PER_CONNECTION,
  maxPayloadBytes: 240 * 1024,
  // UNVERIFIED: AWS documents the LimitExceededError "Rate limit exceeded" frame but no
  // per-connection start rate. These are the twin's guesses, generous enough that no normal
  // client reaches them: the burst lets a client fill its 100 subscriptions at once and then
  // replace them all once more; 20 a second is far beyond any UI's re-subscribing.
  startBurst: 200,
  startsPerSecond: 20,
  // UNVERIFIED: AWS documents no outbound buffer. 2 MiB holds eight payloads of the 240 KB
  // maximum, or thousands of chat messages, so only a reader that has stopped reaches it.
  maxOutboundBufferBytes: 2 * 1024 * 1024,
  // UNVERIFIED: AWS documents connection_init as optional and no timeout for it. 15 s is
  // Amplify's own CONNECTION_INIT_TIMEOUT: a client that has not initialised by then has given up.
  connectionInitTimeoutMs: 15_000,
  // UNVERIFIED (AWS documents no WebSocket ping): a dead peer is found within 30 + 10 s, well
  // inside the 300 s connectionTimeoutMs after which a client gives up on its side.
  pingIntervalMs: 30_000,
  pongTimeoutMs: 10_000,
  // UNVERIFIED: AWS documents no limit on a client's frame. 1 MiB holds a start of the largest
  // document the GraphQL layer accepts (65,536 characters) many times over.
  maxIncomingFrameBytes: 1024 * 1024,
};
