/**
 * The `ws` adapter: serves AppSync's realtime protocol on an HTTP(S) server's upgrade path and
 * hands every socket to a RealtimeConnection. Nothing protocol-specific happens here; what is
 * socket-specific does: a WebSocket ping/pong heartbeat cuts half-open sockets, and every close
 * the server starts gives the peer closeTimeoutMs to answer before the socket is cut (a peer that
 * stopped reading never will, and its queued frames must be freed).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RealtimeBackend, RealtimeLogger } from './backend';
import { silentLogger } from './backend';
import { closeReasons, connectionErrors } from './errors';
import { GRAPHQL_WS_PROTOCOL, readHandshake, requestUrl } from './handshake';
import { startHeartbeat } from './heartbeat';
import type { SubscriptionHub } from './hub';
import { APPSYNC_LIMITS, type RealtimeLimits } from './limits';
import { RealtimeConnection, refuseConnection, systemTimers, type ConnectionTransport, type Timers } from './protocol';

/** An http.Server or https.Server (the twin may serve both on one port). */
export interface UpgradeSource {
  on(event: 'upgrade', listener: (request: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown;
  off(event: 'upgrade', listener: (request: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown;
  listenerCount(event: 'upgrade'): number;
}

export interface AttachRealtimeOptions {
  backend: RealtimeBackend;
  hub: SubscriptionHub;
  /** The upgrade path; AppSync custom domains and Amplify use /graphql/realtime. */
  path?: string;
  logger?: RealtimeLogger;
  limits?: Partial<RealtimeLimits>;
  timers?: Timers;
  /** How long a server-side close lets the client answer the close handshake before the socket is cut. */
  closeTimeoutMs?: number;
}

export interface RealtimeServer {
  readonly connectionCount: number;
  /** Stops accepting sockets, closes every open one, and resolves when all are gone. */
  close(): Promise<void>;
}

export const DEFAULT_REALTIME_PATH = '/graphql/realtime';

/**
 * Holds a socket's writes until the current synchronous work ends: a publish that sends several
 * frames to one connection (several subscriptions on it) then makes one write of them all, not
 * one per frame. ws exposes no cork of its own; its underlying net.Socket is `_socket`.
 */
function corkUntilNextTick(socket: WebSocket): void {
  const raw = (socket as unknown as { _socket?: Socket })._socket;
  if (raw === undefined || raw.writableCorked > 0 || raw.destroyed) return;
  raw.cork();
  process.nextTick(() => raw.uncork());
}

function transportFor(socket: WebSocket, closeTimeoutMs: number): ConnectionTransport {
  return {
    send(text) {
      if (socket.readyState !== socket.OPEN) return;
      corkUntilNextTick(socket);
      socket.send(text);
    },
    bufferedBytes: () => socket.bufferedAmount,
    close(code, reason) {
      if (socket.readyState !== socket.OPEN && socket.readyState !== socket.CONNECTING) return;
      socket.close(code, reason);
      const timer = setTimeout(() => socket.terminate(), closeTimeoutMs);
      socket.once('close', () => clearTimeout(timer));
    },
  };
}

export function attachRealtime(servers: UpgradeSource | UpgradeSource[], options: AttachRealtimeOptions): RealtimeServer {
  const sources = Array.isArray(servers) ? servers : [servers];
  const path = options.path ?? DEFAULT_REALTIME_PATH;
  const logger = options.logger ?? silentLogger;
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;
  const limits = { ...APPSYNC_LIMITS, ...options.limits };
  const timers = options.timers ?? systemTimers;
  const open = new Map<WebSocket, { transport: ConnectionTransport; connection: RealtimeConnection | null }>();
  const wss = new WebSocketServer({
    noServer: true,
    // A frame past it is closed by ws with closeReasons.frameTooLarge.
    maxPayload: limits.maxIncomingFrameBytes,
    // AppSync's protocol is graphql-ws. Without it no subprotocol is selected and the socket is
    // told so with connection_error (see onConnection).
    handleProtocols: (protocols) => (protocols.has(GRAPHQL_WS_PROTOCOL) ? GRAPHQL_WS_PROTOCOL : false),
  });

  function onConnection(socket: WebSocket, request: IncomingMessage): void {
    const handshake = readHandshake(request);
    const transport = transportFor(socket, closeTimeoutMs);
    socket.on('error', (error) => logger.warn({ err: error }, 'realtime socket error'));
    if (!handshake.offersGraphqlWs) {
      open.set(socket, { transport, connection: null });
      socket.once('close', () => open.delete(socket));
      refuseConnection(transport, connectionErrors.subProtocolNotSupported());
      return;
    }
    const connection = new RealtimeConnection({
      connectionId: randomUUID(),
      transport,
      backend: options.backend,
      hub: options.hub,
      header: handshake.header,
      sourceIp: handshake.sourceIp,
      logger,
      timers,
      limits,
    });
    open.set(socket, { transport, connection });
    const heartbeat = startHeartbeat(
      {
        ping: () => socket.ping(),
        onDead: () => {
          logger.info({ connectionId: connection.connectionId }, 'realtime connection cut: no pong');
          // Forget it now; the socket's close event follows once the cut socket is released.
          connection.closed();
          socket.terminate();
        },
      },
      timers,
      limits.pingIntervalMs,
      limits.pongTimeoutMs,
    );
    socket.on('pong', () => heartbeat.pong());
    logger.debug(
      { connectionId: connection.connectionId, headerSource: handshake.headerSource, sourceIp: handshake.sourceIp },
      'realtime connection opened',
    );
    socket.on('message', (data, isBinary) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      if (isBinary) logger.debug({ connectionId: connection.connectionId }, 'realtime binary frame read as text');
      connection.receive(text).catch((error: unknown) => {
        logger.error({ err: error, connectionId: connection.connectionId }, 'realtime frame handling failed');
      });
    });
    socket.once('close', () => {
      heartbeat.stop();
      connection.closed();
      open.delete(socket);
      logger.debug({ connectionId: connection.connectionId }, 'realtime connection closed');
    });
  }

  const listeners = sources.map((source) => {
    const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
      const pathname = requestUrl(request)?.pathname;
      if (pathname !== path) {
        // Other upgrade handlers may own other paths; refuse only when nobody else listens.
        if (source.listenerCount('upgrade') === 1) {
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        }
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, request));
    };
    source.on('upgrade', onUpgrade);
    return { source, onUpgrade };
  });

  let closing: Promise<void> | null = null;
  async function shutdown(): Promise<void> {
    for (const { source, onUpgrade } of listeners) source.off('upgrade', onUpgrade);
    const sockets = [...open.keys()];
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === socket.CLOSED) return resolve();
            socket.once('close', () => resolve());
            // Whoever started a close that is under way, a client that never finishes it is cut off.
            const timer = setTimeout(() => socket.terminate(), closeTimeoutMs);
            socket.once('close', () => clearTimeout(timer));
            const entry = open.get(socket);
            const close = closeReasons.shuttingDown();
            if (entry?.connection) entry.connection.end(close);
            else entry?.transport.close(close.code, close.reason);
          }),
      ),
    );
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    get connectionCount() {
      return open.size;
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}
