/**
 * Every bound of the twin's HTTP(S) server, in one place (the README's limits table lists them).
 * AppSync documents a 30 s limit on a whole request [GRAPHBOLT in reference/appsync-js-runtime.md];
 * it does not document its connection-level timeouts, so the values below are the twin's own
 * (UNVERIFIED against AWS) and chosen to stay well inside that 30 s.
 */
export interface ServerLimits {
  /** A connection that sends nothing at all is closed after this (no answer: nothing was asked). */
  firstByteTimeoutMs: number;
  /** A TLS handshake must complete within this, counted from the first byte. */
  tlsHandshakeTimeoutMs: number;
  /**
   * A request's headers must arrive within this, counted from the connection or the previous
   * response. Keep it above keepAliveTimeoutMs + 1 s (Node closes an idle socket 1 s after the
   * timeout it advertises), so that an idle socket is closed quietly rather than answered 408.
   */
  headersTimeoutMs: number;
  /** A whole request (headers and body) must arrive within this. AppSync's request limit is 30 s. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (Node's own default; advertised in Keep-Alive). */
  keepAliveTimeoutMs: number;
  /** Open TCP connections (HTTP, HTTPS and WebSocket together); one more is answered 503 and closed. */
  maxConnections: number;
  /**
   * Connections the kernel holds for accept() (the kernel caps it at net.core.somaxconn). Node's
   * default, 511, overflowed under a burst of new connections: the dropped SYNs were resent by
   * the clients 1, 3, 7 s later, seconds of latency before the twin saw the request at all.
   */
  listenBacklog: number;
  /** After stop() begins, requests in flight get this long to finish before their sockets are cut. */
  drainTimeoutMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  firstByteTimeoutMs: 10_000,
  tlsHandshakeTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 4_096,
  listenBacklog: 4_096,
  drainTimeoutMs: 5_000,
};

/** Seconds a client is told to wait (Retry-After) when it is refused for shutdown or load. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * Admission control of GraphQL requests (POST /graphql: queries and mutations; the realtime
 * socket has its own bounds in local/realtime/limits.ts). The values are the twin's own: AWS
 * AppSync does not document how many operations it runs at once per API.
 */
export interface AdmissionLimits {
  /** GraphQL operations executing at once (authentication, resolvers, DynamoDB calls). */
  maxConcurrentOperations: number;
  /** Requests waiting, in arrival order, for a slot; one more is refused at once. */
  maxQueuedOperations: number;
  /** A request that waited this long without a slot is refused (it has run nothing). */
  maxQueueWaitMs: number;
}

/**
 * 16 at once: 4 senders already keep DynamoDB Local busy (the e2e saturation case), and more
 * slots only lengthen every admitted operation (its time is about slots / throughput). Measured
 * under a burst on a busy 2-core machine: 4, 16 and 64 slots gave about 32, 48 and 38 msg/s.
 * The queue's wait bound is what bounds the latency of admitted requests: past it, 429.
 */
export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = {
  maxConcurrentOperations: 16,
  maxQueuedOperations: 1_000,
  maxQueueWaitMs: 2_000,
};

/**
 * The answer to a refused request: HTTP 429 with `x-amzn-ErrorType: TooManyRequestsException`,
 * Retry-After and the errors body. Amplify retries 429s with back-off. UNVERIFIED: AppSync's own
 * throttling answer (status, error type, headers, body) is not in our reference; this shape is
 * the AWS JSON-protocol convention for throttling, chosen so that clients retry.
 */
export const THROTTLED_ERROR_TYPE = 'TooManyRequestsException';
