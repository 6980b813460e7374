/**
 * Header and request deadlines for sockets handed to an http(s).Server with emit('connection').
 * Node checks headersTimeout and requestTimeout only for a server that called listen() itself
 * (its connections check starts on 'listening'), so for the one-port server they never fire and
 * a trickling client held its socket forever. Idle keep-alive sockets are Node's own business:
 * keepAliveTimeout is applied per socket after each response and does work here.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { ServerLimits } from './limits';

/** What a client that was too slow with its headers gets (Node answers the same). */
const REQUEST_TIMEOUT_RESPONSE = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

export interface RequestDeadlines {
  /** Starts the header deadline of a new connection (the socket the HTTP parser reads). */
  connected(socket: Socket): void;
  /** The socket became a WebSocket: HTTP deadlines no longer apply. */
  upgraded(socket: Socket): void;
}

export function enforceRequestDeadlines(
  server: http.Server,
  limits: Pick<ServerLimits, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'>,
): RequestDeadlines {
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  const timers = new Map<Socket, { timer: NodeJS.Timeout; since: number; phase: 'headers' | 'body' }>();

  const clear = (socket: Socket): void => {
    const entry = timers.get(socket);
    if (entry) clearTimeout(entry.timer);
    timers.delete(socket);
  };
  const arm = (socket: Socket, phase: 'headers' | 'body', since: number, ms: number, expire: () => void): void => {
    clear(socket);
    const timer = setTimeout(() => {
      timers.delete(socket);
      expire();
    }, Math.max(0, since + ms - Date.now()));
    timer.unref();
    timers.set(socket, { timer, since, phase });
  };

  /** Waiting for the next request's headers: on expiry answer 408 and close. */
  const awaitHeaders = (socket: Socket): void => {
    if (socket.destroyed) return;
    arm(socket, 'headers', Date.now(), limits.headersTimeoutMs, () => {
      if (socket.destroyed) return;
      socket.write(REQUEST_TIMEOUT_RESPONSE, () => socket.destroy());
      // A client that does not read gets no answer, only the close.
      setTimeout(() => socket.destroy(), 1000).unref();
    });
  };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    // The body must arrive within requestTimeoutMs of the request's start; a response is
    // under way by then, so the socket is simply closed.
    const since = timers.get(socket)?.since ?? Date.now();
    arm(socket, 'body', since, limits.requestTimeoutMs, () => socket.destroy());
    req.once('end', () => {
      if (timers.get(socket)?.phase === 'body') clear(socket);
    });
    // The next request on a keep-alive socket has its own header deadline (a closed socket
    // drops it in 'close').
    res.once('finish', () => awaitHeaders(socket));
  });

  return {
    connected(socket) {
      awaitHeaders(socket);
      socket.once('close', () => clear(socket));
    },
    upgraded: clear,
  };
}
