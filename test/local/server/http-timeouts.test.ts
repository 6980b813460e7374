// The HTTP server's connection bounds (local/server/limits.ts), each against a real started twin
// with short injected values and a raw TCP or TLS client: the server must close the connection
// within the bound. A WebSocket, once upgraded, is not subject to them.
import net from 'node:net';
import tls from 'node:tls';
import { setTimeout as delay } from 'node:timers/promises';
import { createOnePortServer } from '../../../local/server/one-port';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from '../../../local/server/limits';
import { ensureTlsMaterial } from '../../../local/server/tls';
import type { Twin } from '../../../local/twin';
import { startTestTwin } from '../../support/test-twin';
import { cognitoSignIn, graphqlRequest, RealtimeClient } from '../../e2e/support/raw-clients';

const limits: Partial<ServerLimits> = {
  firstByteTimeoutMs: 400,
  tlsHandshakeTimeoutMs: 500,
  // Node closes an idle keep-alive socket 1 s after the keepAliveTimeout it advertises, so the
  // header deadline (which also runs after a response) is longer than both.
  keepAliveTimeoutMs: 200,
  headersTimeoutMs: 1500,
  requestTimeoutMs: 2000,
};
const NODE_KEEP_ALIVE_BUFFER_MS = 1000;
/** Scheduling slack on a loaded machine: a close later than bound + this is a failure. */
const SLACK_MS = 1500;

let twin: Twin;
let port: number;

beforeAll(async () => {
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn', serverLimits: limits });
  port = Number(new URL(twin.url).port);
}, 60000);

afterAll(async () => {
  await twin?.stop();
}, 60000);

interface Closed {
  /** Milliseconds from `since` (set by the test at its last deliberate step) to 'close'. */
  afterMs: number;
  received: string;
}

/** Collects what the server sends and resolves on 'close'; `mark()` restarts the clock. */
function watch(socket: net.Socket) {
  let since = performance.now();
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<Closed>((resolve) => socket.once('close', () => resolve({ afterMs: performance.now() - since, received })));
  return { closed, mark: () => (since = performance.now()) };
}

/** Writes one byte of `text` every 100 ms until the socket closes (a trickling client). */
function trickle(socket: net.Socket, text: string): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) return clearInterval(timer);
    socket.write(text[i % text.length] as string);
    i += 1;
  }, 100);
  socket.once('close', () => clearInterval(timer));
}

function tcp(): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

function tlsClient(): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ port, host: '127.0.0.1', ca: twin.caCert }, () => resolve(socket));
    socket.once('error', reject);
  });
}

const within = (closed: Closed, bound: number) => {
  expect(closed.afterMs).toBeGreaterThanOrEqual(bound - 50);
  expect(closed.afterMs).toBeLessThan(bound + SLACK_MS);
};

it('closes a connection that sends nothing within firstByteTimeoutMs', async () => {
  const socket = await tcp();
  const { closed } = watch(socket);
  const result = await closed;
  within(result, limits.firstByteTimeoutMs as number);
  expect(result.received).toBe('');
});

it('closes a TLS handshake that stalls after its first byte within tlsHandshakeTimeoutMs', async () => {
  const socket = await tcp();
  const { closed, mark } = watch(socket);
  socket.write(Buffer.from([0x16, 0x03, 0x01]));
  mark();
  within(await closed, limits.tlsHandshakeTimeoutMs as number);
});

it.each<[string, () => Promise<net.Socket>]>([
  ['HTTP', tcp],
  ['HTTPS', tlsClient],
])('%s: trickled headers get 408 and the close within headersTimeoutMs', async (_name, connect) => {
  const socket = await connect();
  const { closed, mark } = watch(socket);
  socket.write('GET /console HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  mark();
  trickle(socket, 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  const result = await closed;
  within(result, limits.headersTimeoutMs as number);
  expect(result.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
});

it.each<[string, () => Promise<net.Socket>]>([
  ['HTTP', tcp],
  ['HTTPS', tlsClient],
])('%s: a trickled body is cut within requestTimeoutMs of the request start', async (_name, connect) => {
  const socket = await connect();
  const { closed, mark } = watch(socket);
  socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n');
  mark();
  trickle(socket, '{"query":"query { myRooms { id } }"}');
  const result = await closed;
  within(result, limits.requestTimeoutMs as number);
  expect(result.received).toBe('');
});

it.each<[string, () => Promise<net.Socket>]>([
  ['HTTP', tcp],
  ['HTTPS', tlsClient],
])('%s: an idle keep-alive connection is closed within keepAliveTimeoutMs of its last response', async (_name, connect) => {
  const socket = await connect();
  const { closed, mark } = watch(socket);
  const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.write('GET /console HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await answered;
  mark();
  const result = await closed;
  within(result, (limits.keepAliveTimeoutMs as number) + NODE_KEEP_ALIVE_BUFFER_MS);
  expect(result.received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  expect(result.received).not.toContain('408');
});

it('an upgraded WebSocket outlives every HTTP timeout and still works', async () => {
  const token = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'bob', 'Bob#Local1')).accessToken;
  const client = await RealtimeClient.connect(twin.realtimeUrl, new URL(twin.graphqlUrl).host, token, twin.caCert);
  let closedEarly = false;
  void client.closed.then(() => (closedEarly = true));
  // Longer than any HTTP bound above: a closing timer would have fired by now.
  await delay((limits.requestTimeoutMs as number) + (limits.headersTimeoutMs as number));
  expect(closedEarly).toBe(false);
  const room = await graphqlRequest(twin.graphqlUrl, token, 'mutation { createRoom(name: "timeouts") { id } }');
  const roomId = (room.body.data?.createRoom as { id: string }).id;
  const started = await client.start('s1', 'subscription($r: ID!) { onNewMessage(roomId: $r) { id } }', { r: roomId }, {
    host: new URL(twin.graphqlUrl).host,
    Authorization: token,
  });
  expect(started).toEqual({ type: 'start_ack', id: 's1' });
  await client.close();
});

describe('the connection limit', () => {
  it('answers the connection past maxConnections with 503 and closes it; the others keep working', async () => {
    const material = await ensureTlsMaterial(null);
    const server = createOnePortServer((_req, res) => res.end('ok'), material, { ...DEFAULT_SERVER_LIMITS, maxConnections: 2 });
    const limitedPort = await server.listen(0, '127.0.0.1');
    const open = (): Promise<net.Socket> =>
      new Promise((resolve) => {
        const socket = net.connect(limitedPort, '127.0.0.1', () => resolve(socket));
      });
    try {
      // A client's 'connect' can come before the server accepted: wait for the server's count.
      const accepted = new Promise<void>((resolve) => {
        let count = 0;
        server.netServer.on('connection', () => (count += 1) === 2 && resolve());
      });
      const held = [await open(), await open()];
      await accepted;
      const third = await open();
      const { closed } = watch(third);
      third.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      const refused = await closed;
      expect(refused.received).toBe('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n');
      const first = held[0] as net.Socket;
      const answered = new Promise<string>((resolve) => first.once('data', (d: Buffer) => resolve(d.toString('latin1'))));
      first.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(await answered).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*ok$/);
      for (const socket of held) socket.destroy();
    } finally {
      await server.close();
    }
  });
});
