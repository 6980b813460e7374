/**
 * HTTP and HTTPS on one port. Amplify v6 always dials wss://, while curl and many tools speak
 * plain http://, so the twin peeks at the first byte of every connection: 0x16 opens a TLS
 * handshake and goes to the https.Server, anything else to the http.Server. Both servers share
 * the request handler and the WebSocket upgrade.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

const TLS_HANDSHAKE = 0x16;

export interface OnePortServer {
  netServer: net.Server;
  httpServer: http.Server;
  httpsServer: https.Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting connections and ends idle keep-alive sockets; resolves when all are gone. */
  close(): Promise<void>;
  /** Ends keep-alive sockets that have no request in progress (call again once requests finished). */
  closeIdleConnections(): void;
}

export function createOnePortServer(handler: http.RequestListener, tls: { cert: string; key: string }): OnePortServer {
  const httpServer = http.createServer(handler);
  const httpsServer = https.createServer({ cert: tls.cert, key: tls.key }, handler);
  // Sockets that have not sent their first byte yet, so belong to neither server.
  const unrouted = new Set<net.Socket>();
  const netServer = net.createServer((socket) => {
    unrouted.add(socket);
    socket.once('close', () => unrouted.delete(socket));
    socket.once('data', (first: Buffer) => {
      unrouted.delete(socket);
      socket.pause();
      socket.unshift(first);
      const target = first[0] === TLS_HANDSHAKE ? httpsServer : httpServer;
      target.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });

  return {
    netServer,
    httpServer,
    httpsServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        netServer.once('error', reject);
        netServer.listen(port, host, () => {
          netServer.off('error', reject);
          resolve((netServer.address() as net.AddressInfo).port);
        });
      });
    },
    close() {
      const closed = new Promise<void>((resolve) => netServer.close(() => resolve()));
      for (const socket of unrouted) socket.destroy();
      this.closeIdleConnections();
      return closed;
    },
    closeIdleConnections() {
      // Idle keep-alive sockets would hold the port open; busy ones are left to finish.
      httpServer.closeIdleConnections();
      httpsServer.closeIdleConnections();
    },
  };
}
