/**
 * The protocol core for one realtime connection, free of any socket library: text frames come
 * in through receive(), frames go out through the transport. Timers are injected so that
 * keep-alives and the connection lifetime can be tested without waiting.
 *
 * Lifecycle (AppSync's graphql-ws): the socket is authenticated from its handshake header;
 * connection_init -> connection_ack {connectionTimeoutMs} and a ka at once, then a ka every
 * keepAliveIntervalMs; start -> start_ack (or error with the id), then data frames; stop ->
 * complete. Starts are rate-limited per connection (a token bucket on the injected clock); a start
 * over the limit gets LimitExceededError with its id and the connection stays open.
 * connection_init is optional as AWS documents: a start before it is served once the handshake
 * header has been authenticated. A handshake that fails authentication is answered
 * connection_error and closed at once, without waiting for a frame; a connection that neither
 * initialises nor starts within connectionInitTimeoutMs is closed. Every frame sent is followed by
 * a look at the transport's queue: past maxOutboundBufferBytes the connection is closed.
 */
import type { RealtimeBackend, RealtimeLogger, StartSubscriptionResult } from './backend';
import { silentLogger } from './backend';
import { closeReasons, connectionErrors, protocolErrors, type CloseReason, type ConnectionError } from './errors';
import { parseClientFrame, type ClientFrame, type ServerFrame } from './frames';
import type { DataPayload, SubscriberConnection, SubscriptionHub } from './hub';
import { APPSYNC_LIMITS, type RealtimeLimits } from './limits';
import { serializePayload } from './payload-json';
import { TokenBucket } from './token-bucket';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Milliseconds from a monotonic clock (the start rate limit reads it). */
  now(): number;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  now: () => performance.now(),
};

/** Where frames go. send() must not block: it hands the text to the socket's own buffer. */
export interface ConnectionTransport {
  send(text: string): void;
  /** Bytes handed to send() and not yet written to the network. */
  bufferedBytes(): number;
  close(code: number, reason: string): void;
}

export interface RealtimeConnectionOptions {
  connectionId: string;
  transport: ConnectionTransport;
  backend: RealtimeBackend;
  hub: SubscriptionHub;
  /** The header object from the handshake ({} when the client sent none). */
  header: Record<string, unknown>;
  sourceIp: string;
  logger?: RealtimeLogger;
  timers?: Timers;
  limits?: Partial<RealtimeLimits>;
}

/** Sends connection_error and closes: for sockets refused before a connection exists. */
export function refuseConnection(transport: ConnectionTransport, error: ConnectionError): void {
  const frame: ServerFrame = { type: 'connection_error', payload: { errors: [error] } };
  transport.send(JSON.stringify(frame));
  const { code, reason } = closeReasons.refused(error);
  transport.close(code, reason);
}

/** A subscription id's slot: pending while the backend prepares it, then live. */
interface SubscriptionSlot {
  state: 'pending' | 'live';
}

export class RealtimeConnection implements SubscriberConnection {
  readonly connectionId: string;
  private readonly limits: RealtimeLimits;
  private readonly logger: RealtimeLogger;
  private readonly timers: Timers;
  private readonly slots = new Map<string, SubscriptionSlot>();
  private readonly authentication: Promise<{ ok: true; principal: unknown } | { ok: false; error: ConnectionError }>;
  private acknowledged = false;
  private ended = false;
  private keepAliveTimer: unknown = null;
  private readonly lifetimeTimer: unknown;
  /** Pending until connection_init or an accepted start; null once the connection initialised. */
  private initTimer: unknown;
  private readonly startTokens: TokenBucket;

  constructor(private readonly options: RealtimeConnectionOptions) {
    this.connectionId = options.connectionId;
    this.limits = { ...APPSYNC_LIMITS, ...options.limits };
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.startTokens = new TokenBucket(this.limits.startBurst, this.limits.startsPerSecond, () => this.timers.now());
    this.authentication = this.authenticate();
    // A refused handshake is answered at once: the client need not send anything to learn it.
    void this.authentication.then((result) => {
      if (!result.ok) this.refuse(result.error);
    });
    this.lifetimeTimer = this.timers.setTimeout(() => this.end(closeReasons.lifetimeExceeded()), this.limits.connectionLifetimeMs);
    this.initTimer = this.timers.setTimeout(() => this.end(closeReasons.connectionInitTimeout()), this.limits.connectionInitTimeoutMs);
  }

  /** Number of subscriptions on this connection, pending ones included. */
  get subscriptionCount(): number {
    return this.slots.size;
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Handles one text frame. The promise settles when the frame has been fully answered. */
  async receive(text: string): Promise<void> {
    if (this.ended) return;
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      this.logger.debug({ connectionId: this.connectionId, error: parsed.error }, 'realtime frame refused');
      this.send({ type: 'error', ...(parsed.id !== undefined ? { id: parsed.id } : {}), payload: { errors: [parsed.error] } });
      return;
    }
    await this.handle(parsed.frame);
  }

  /** Called by the hub with a matching event. */
  deliver(subscriptionId: string, payload: DataPayload): void {
    if (this.ended || this.slots.get(subscriptionId)?.state !== 'live') return;
    const { json: payloadJson, bytes } = serializePayload(payload);
    if (bytes > this.limits.maxPayloadBytes) {
      this.logger.warn(
        { connectionId: this.connectionId, subscriptionId, bytes, limit: this.limits.maxPayloadBytes },
        'realtime payload over the size limit was not delivered',
      );
      return;
    }
    this.write(`{"type":"data","id":${JSON.stringify(subscriptionId)},"payload":${payloadJson}}`);
  }

  /** Called by the hub when the subscription was invalidated: AppSync ends it with complete. */
  invalidated(subscriptionId: string): void {
    if (this.ended || !this.slots.delete(subscriptionId)) return;
    this.send({ type: 'complete', id: subscriptionId });
  }

  /** The socket closed (either side): forget everything. Safe to call more than once. */
  closed(): void {
    if (this.ended) return;
    this.ended = true;
    this.timers.clearTimeout(this.lifetimeTimer);
    this.initialised();
    if (this.keepAliveTimer !== null) this.timers.clearInterval(this.keepAliveTimer);
    this.slots.clear();
    this.options.hub.removeConnection(this);
  }

  /** Closes the socket from the server side. */
  end({ code, reason }: CloseReason): void {
    if (this.ended) return;
    this.closed();
    this.options.transport.close(code, reason);
  }

  /** Answers a failed handshake authentication with connection_error and closes. */
  private refuse(error: ConnectionError): void {
    if (this.ended) return;
    this.logger.info({ connectionId: this.connectionId, error }, 'realtime connection refused');
    this.closed();
    refuseConnection(this.options.transport, error);
  }

  /** connection_init or an accepted start arrived: the connection_init timeout no longer applies. */
  private initialised(): void {
    if (this.initTimer === null) return;
    this.timers.clearTimeout(this.initTimer);
    this.initTimer = null;
  }

  private async authenticate(): Promise<{ ok: true; principal: unknown } | { ok: false; error: ConnectionError }> {
    try {
      const result = await this.options.backend.authenticateConnection(this.options.header, {
        sourceIp: this.options.sourceIp,
      });
      if (result.ok) return { ok: true, principal: result.principal };
      return { ok: false, error: { errorType: result.errorType, message: result.message, errorCode: result.errorCode } };
    } catch (error) {
      this.logger.error({ err: error, connectionId: this.connectionId }, 'realtime authentication failed');
      return { ok: false, error: connectionErrors.unauthorized() };
    }
  }

  /** Waits for the handshake's authentication; null when it failed (and was answered). */
  private async principal(): Promise<{ principal: unknown } | null> {
    const result = await this.authentication;
    if (!result.ok) this.refuse(result.error);
    if (this.ended || !result.ok) return null;
    return { principal: result.principal };
  }

  private async handle(frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'connection_init':
        return this.init();
      case 'start':
        return this.start(frame);
      case 'stop':
        return this.stop(frame.id);
    }
  }

  private async init(): Promise<void> {
    if (!(await this.principal())) return;
    this.initialised();
    this.send({ type: 'connection_ack', payload: { connectionTimeoutMs: this.limits.connectionTimeoutMs } });
    if (this.acknowledged) return;
    this.acknowledged = true;
    // AppSync sends a ka right after the ack; Amplify's keep-alive clock starts from it.
    this.send({ type: 'ka' });
    this.keepAliveTimer = this.timers.setInterval(() => this.send({ type: 'ka' }), this.limits.keepAliveIntervalMs);
  }

  private async start(frame: Extract<ClientFrame, { type: 'start' }>): Promise<void> {
    const { id } = frame;
    // Checked at once, before any await, so that back-to-back starts are counted.
    if (!this.startTokens.take()) {
      this.logger.warn({ connectionId: this.connectionId, subscriptionId: id }, 'realtime start over the rate limit');
      this.send({ type: 'error', id, payload: { errors: [protocolErrors.rateLimitExceeded()] } });
      return;
    }
    if (this.slots.has(id)) {
      this.send({ type: 'error', id, payload: { errors: [protocolErrors.duplicatedOperation(id)] } });
      return;
    }
    if (this.slots.size >= this.limits.maxSubscriptions) {
      // As observed from AWS, this error carries `errors` as an object.
      this.send({ type: 'error', id, payload: { errors: protocolErrors.maxSubscriptionsReached() } });
      return;
    }
    const slot: SubscriptionSlot = { state: 'pending' };
    this.slots.set(id, slot);
    const connection = await this.principal();
    if (!connection || this.slots.get(id) !== slot) return;

    let result: StartSubscriptionResult;
    try {
      result = await this.options.backend.startSubscription({
        id,
        data: frame.data,
        query: frame.query,
        variables: frame.variables,
        operationName: frame.operationName,
        authorization: frame.authorization,
        connectionPrincipal: connection.principal,
        sourceIp: this.options.sourceIp,
      });
    } catch (error) {
      this.logger.error({ err: error, connectionId: this.connectionId, subscriptionId: id }, 'realtime start failed');
      result = { ok: false, errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }] };
    }
    // A stop (or the socket closing) while the backend worked has already answered this id.
    if (this.ended || this.slots.get(id) !== slot) return;
    if (!result.ok) {
      this.slots.delete(id);
      this.send({ type: 'error', id, payload: { errors: result.errors } });
      return;
    }
    const added = this.options.hub.add(this, id, result.subscription);
    if (!added.ok) {
      this.slots.delete(id);
      this.send({ type: 'error', id, payload: { errors: [{ errorType: added.errorType, message: added.message }] } });
      return;
    }
    slot.state = 'live';
    this.initialised();
    this.logger.debug(
      { connectionId: this.connectionId, subscriptionId: id, field: result.subscription.fieldName },
      'realtime subscription started',
    );
    this.send({ type: 'start_ack', id });
  }

  private stop(id: string): void {
    // Stopping an id that is not (or no longer) live is answered the same way: it is over.
    if (this.slots.delete(id)) this.options.hub.remove(this, id);
    this.send({ type: 'complete', id });
  }

  private send(frame: ServerFrame): void {
    if (this.ended) return;
    this.write(JSON.stringify(frame));
  }

  /**
   * Hands one frame to the transport, then checks what the socket still holds: a client that
   * stopped reading is closed once it passes the limit, instead of the twin queueing for it without
   * bound. Nothing waits here, so a publish to other subscribers is never held up.
   */
  private write(text: string): void {
    this.options.transport.send(text);
    const queued = this.options.transport.bufferedBytes();
    if (queued <= this.limits.maxOutboundBufferBytes) return;
    this.logger.warn(
      { connectionId: this.connectionId, queuedBytes: queued, limit: this.limits.maxOutboundBufferBytes },
      'realtime connection closed: outbound buffer limit exceeded',
    );
    this.end(closeReasons.outboundBufferExceeded());
  }
}
