/**
 * HTTP and HTTPS on one port. Amplify v6 always dials wss://, while curl and many tools speak
 * plain http://, so the twin peeks at the first byte of every connection: 0x16 opens a TLS
 * handshake and goes to the https.Server, anything else to the http.Server. Both servers share
 * the request handler, and their WebSocket upgrades arrive on `upgrades`.
 *
 * The bounds of ./limits apply here: the first byte, the TLS handshake, the header and request
 * deadlines (./request-timeouts), idle keep-alive and the number of open connections.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { DEFAULT_SERVER_LIMITS, RETRY_AFTER_SECONDS, type ServerLimits } from './limits';
import { enforceRequestDeadlines } from './request-timeouts';

const TLS_HANDSHAKE = 0x16;

/** What a connection past maxConnections, or an upgrade during shutdown, gets. */
const UNAVAILABLE_RESPONSE = [
  'HTTP/1.1 503 Service Unavailable',
  'Connection: close',
  `Retry-After: ${RETRY_AFTER_SECONDS}`,
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

export interface UpgradeEvents {
  upgrade: [request: http.IncomingMessage, socket: Duplex, head: Buffer];
}

export interface OnePortServer {
  netServer: net.Server;
  httpServer: http.Server;
  httpsServer: https.Server;
  /** WebSocket upgrades from both servers (attach the realtime endpoint here). */
  upgrades: EventEmitter<UpgradeEvents>;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting connections and upgrades, drops connections that sent nothing yet. */
  stopAccepting(): void;
  /** Cuts every HTTP(S) connection, whatever it is doing; WebSockets are left to the realtime endpoint. */
  destroyHttpConnections(): void;
  /** Stops accepting, cuts every connection left and resolves when the port is closed. */
  close(): Promise<void>;
}

export function createOnePortServer(
  handler: http.RequestListener,
  tls: { cert: string; key: string },
  limits: ServerLimits = DEFAULT_SERVER_LIMITS,
): OnePortServer {
  const httpServer = http.createServer(handler);
  // handshakeTimeout is applied by tls.Server to every socket it wraps, emitted ones included.
  const httpsServer = https.createServer({ cert: tls.cert, key: tls.key, handshakeTimeout: limits.tlsHandshakeTimeoutMs }, handler);
  const upgrades = new EventEmitter<UpgradeEvents>();
  const connections = new Set<net.Socket>();
  // Sockets that have not sent their first byte yet, so belong to neither server.
  const unrouted = new Set<net.Socket>();
  // The sockets the HTTP parsers read (the TLSSocket for https), until they close or upgrade.
  const httpSockets = new Set<net.Socket>();
  let accepting = true;
  // Resolves when the port is closed and every connection is gone (net.Server's 'close').
  let portClosed: Promise<void> | undefined;

  const httpDeadlines = enforceRequestDeadlines(httpServer, limits);
  const httpsDeadlines = enforceRequestDeadlines(httpsServer, limits);
  const parsing = (socket: net.Socket): void => {
    httpSockets.add(socket);
    socket.once('close', () => httpSockets.delete(socket));
  };
  httpServer.on('connection', (socket: net.Socket) => {
    parsing(socket);
    httpDeadlines.connected(socket);
  });
  httpsServer.on('secureConnection', (socket: net.Socket) => {
    parsing(socket);
    httpsDeadlines.connected(socket);
  });

  for (const [server, deadlines] of [[httpServer, httpDeadlines], [httpsServer, httpsDeadlines]] as const) {
    server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      deadlines.upgraded(socket as net.Socket);
      httpSockets.delete(socket as net.Socket);
      if (!accepting || upgrades.listenerCount('upgrade') === 0) {
        socket.end(UNAVAILABLE_RESPONSE);
        return;
      }
      upgrades.emit('upgrade', request, socket, head);
    });
  }

  const netServer = net.createServer((socket) => {
    connections.add(socket);
    unrouted.add(socket);
    socket.once('close', () => {
      connections.delete(socket);
      unrouted.delete(socket);
    });
    socket.on('error', () => socket.destroy());
    socket.setTimeout(limits.firstByteTimeoutMs, () => socket.destroy());
    const overLimit = connections.size > limits.maxConnections;
    socket.once('data', (first: Buffer) => {
      unrouted.delete(socket);
      socket.setTimeout(0);
      if (overLimit) {
        // A plain HTTP client can read why; a TLS client can only be closed.
        if (first[0] === TLS_HANDSHAKE) socket.destroy();
        else socket.end(UNAVAILABLE_RESPONSE, () => socket.destroy());
        return;
      }
      socket.pause();
      socket.unshift(first);
      const target = first[0] === TLS_HANDSHAKE ? httpsServer : httpServer;
      target.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });

  const server: OnePortServer = {
    netServer,
    httpServer,
    httpsServer,
    upgrades,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        netServer.once('error', reject);
        netServer.listen({ port, host, backlog: limits.listenBacklog }, () => {
          netServer.off('error', reject);
          resolve((netServer.address() as net.AddressInfo).port);
        });
      });
    },
    stopAccepting() {
      accepting = false;
      portClosed ??= netServer.listening ? new Promise((resolve) => netServer.close(() => resolve())) : Promise.resolve();
      for (const socket of unrouted) socket.destroy();
    },
    destroyHttpConnections() {
      for (const socket of httpSockets) socket.destroy();
    },
    close() {
      server.stopAccepting();
      for (const socket of connections) socket.destroy();
      return portClosed as Promise<void>;
    },
  };
  return server;
}

