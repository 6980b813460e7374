// Benchmark of the twin's realtime fan-out: N client connections with S subscriptions each on
// onNewMessage(roomId), all in one room, attached through the real attachRealtime + SubscriptionHub
// with a minimal backend; then P publishes of sendMessage through hub.publish. As the peer, the same
// number of frames of the same size are sent with plain `ws` socket.send on the same server-side
// sockets to the same client connections, with no matching, projection or serialisation.
// Everything runs in this one process on 127.0.0.1, so the clients' receive work is inside both
// figures. Run: npx tsx bench/realtime-fanout.ts
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resultsPath } from './results-path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import WebSocket, { WebSocketServer } from 'ws';
import type { PreparedSubscription, ProjectedSelection, RealtimeBackend } from '../local/realtime/backend';
import { SubscriptionHub } from '../local/realtime/hub';
import { attachRealtime } from '../local/realtime/ws-server';

/** Bounds: counts are fixed; every wait has a time budget; the whole run is cut off at HARD_STOP_MS. */
const CONNECTIONS = 20;
const SUBSCRIPTIONS_PER_CONNECTION = 50;
const PUBLISHES = 500;
const WARMUP_PUBLISHES = 20;
/** Measured rounds; twin and peer alternate so that neither always runs on a colder or warmer process. */
const ROUNDS = 2;
const SETUP_TIMEOUT_MS = 10_000;
const PHASE_TIMEOUT_MS = 15_000;
const HARD_STOP_MS = 58_000;

const ROOM_ID = 'room-0001';
const SUBSCRIBERS = CONNECTIONS * SUBSCRIPTIONS_PER_CONNECTION;

/** What the subscriber selects (and, here, what the mutation selected too). */
const MESSAGE_SELECTION: ProjectedSelection = {
  typeName: 'Message',
  fields: ['__typename', 'roomId', 'id', 'content', 'sender', 'createdAt'].map((name) => ({ responseKey: name, fieldName: name })),
};
const SUBSCRIPTION_QUERY =
  'subscription OnNewMessage($roomId: ID!) { onNewMessage(roomId: $roomId) { __typename roomId id content sender createdAt } }';

/** Every field has a fixed width, so every data frame of the run has the same size. */
function messageResult(n: number): Record<string, unknown> {
  const index = String(n).padStart(6, '0');
  return {
    roomId: ROOM_ID,
    id: `msg-${index}`,
    senderId: 'u-123',
    sender: 'alice',
    content: `Hello, room! This is message number ${index}.`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    deleted: false,
  };
}

/** The minimal GraphQL layer: every socket is accepted; every start is onNewMessage(roomId: $roomId). */
const backend: RealtimeBackend = {
  async authenticateConnection() {
    return { ok: true, principal: { user: 'bench' } };
  },
  async startSubscription(input) {
    const subscription: PreparedSubscription = {
      fieldName: 'onNewMessage',
      triggerMutations: ['sendMessage'],
      argumentFilter: { roomId: input.variables?.roomId },
      enhancedFilter: null,
      invalidationFilter: null,
      selection: MESSAGE_SELECTION,
      userKey: 'bench',
    };
    return { ok: true, subscription };
  },
};

/** Counting on the client sockets, for the phase under way. */
interface Phase {
  expected: number;
  received: number;
  minBytes: number;
  maxBytes: number;
  /** hrtime (ns) of the last frame received. */
  lastAt: bigint;
  complete: () => void;
}
let phase: Phase | null = null;

const DATA_PREFIX = '{"type":"data"';

interface Client {
  index: number;
  socket: WebSocket;
  subscriptionIds: string[];
  /** The server side of this connection (captured at the upgrade), for the peer. */
  serverSocket: WebSocket | null;
  /** Frames before and between phases (acks), parsed. */
  control: Array<Record<string, unknown>>;
  onControl: (() => void) | null;
}

function onClientMessage(client: Client, data: WebSocket.RawData): void {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (phase !== null && buffer.toString('latin1', 0, DATA_PREFIX.length) === DATA_PREFIX) {
    const current = phase;
    current.received += 1;
    if (buffer.length < current.minBytes) current.minBytes = buffer.length;
    if (buffer.length > current.maxBytes) current.maxBytes = buffer.length;
    if (current.received === current.expected) {
      current.lastAt = process.hrtime.bigint();
      current.complete();
    }
    return;
  }
  client.control.push(JSON.parse(buffer.toString('utf8')) as Record<string, unknown>);
  client.onControl?.();
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Waits until the client has received `count` control frames in total. */
function controlFrames(client: Client, count: number): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (client.control.length >= count) {
        client.onControl = null;
        resolve(client.control);
      }
    };
    client.onControl = check;
    check();
  });
}

async function connect(url: string, index: number): Promise<Client> {
  const header = Buffer.from(JSON.stringify({ host: '127.0.0.1', Authorization: 'bench' })).toString('base64url');
  const socket = new WebSocket(`${url}?client=${index}`, ['graphql-ws', `header-${header}`]);
  const client: Client = { index, socket, subscriptionIds: [], serverSocket: null, control: [], onControl: null };
  socket.on('message', (data) => onClientMessage(client, data));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init' }));
  const [ack, ka] = await controlFrames(client, 2);
  if (ack.type !== 'connection_ack' || ka.type !== 'ka') throw new Error(`client ${index}: handshake failed: ${JSON.stringify([ack, ka])}`);
  for (let s = 0; s < SUBSCRIPTIONS_PER_CONNECTION; s++) {
    const id = randomUUID();
    client.subscriptionIds.push(id);
    socket.send(
      JSON.stringify({
        id,
        type: 'start',
        payload: {
          data: JSON.stringify({ query: SUBSCRIPTION_QUERY, variables: { roomId: ROOM_ID } }),
          extensions: { authorization: { host: '127.0.0.1', Authorization: 'bench' } },
        },
      }),
    );
  }
  const frames = await controlFrames(client, 2 + SUBSCRIPTIONS_PER_CONNECTION);
  const acked = new Set(frames.slice(2).filter((frame) => frame.type === 'start_ack').map((frame) => frame.id));
  if (acked.size !== SUBSCRIPTIONS_PER_CONNECTION) throw new Error(`client ${index}: starts not acknowledged: ${JSON.stringify(frames.slice(2, 5))}`);
  return client;
}

/** Runs `publishOne` count times, yielding to the event loop after each; resolves when every frame arrived. */
async function runPhase(count: number, publishOne: (n: number) => void): Promise<{ wallNs: number; syncNs: number[]; minBytes: number; maxBytes: number }> {
  const syncNs: number[] = [];
  const done = new Promise<void>((resolve) => {
    phase = { expected: count * SUBSCRIBERS, received: 0, minBytes: Infinity, maxBytes: 0, lastAt: 0n, complete: resolve };
  });
  const current = phase as unknown as Phase;
  const started = process.hrtime.bigint();
  for (let n = 0; n < count; n++) {
    const t0 = process.hrtime.bigint();
    publishOne(n);
    syncNs.push(Number(process.hrtime.bigint() - t0));
    // Mutations arrive one by one: let the sockets move between them.
    await nextTurn();
  }
  try {
    await withTimeout(done, PHASE_TIMEOUT_MS, `phase (${current.received} of ${current.expected} frames received)`);
  } finally {
    phase = null;
  }
  return { wallNs: Number(current.lastAt - started), syncNs, minBytes: current.minBytes, maxBytes: current.maxBytes };
}

interface Row {
  name: string;
  frames: number;
  minBytes: number;
  maxBytes: number;
  wallNs: number;
  syncNs: number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function formatRow(row: Row, peerRate: number): string {
  const sorted = [...row.syncNs].sort((a, b) => a - b);
  const rate = row.frames / (row.wallNs / 1e9);
  const us = (ns: number) => (ns / 1000).toFixed(ns < 10_000 ? 1 : 0);
  const bytes = row.minBytes === row.maxBytes ? String(row.minBytes) : `${row.minBytes}-${row.maxBytes}`;
  return `| ${row.name} | ${row.frames.toLocaleString('en-US')} | ${bytes} | ${(row.wallNs / 1e6).toFixed(0)} | ${Math.round(rate).toLocaleString('en-US')} | ${us(percentile(sorted, 50))} | ${us(percentile(sorted, 99))} | ${(rate / peerRate).toFixed(2)}x |`;
}

async function main(): Promise<void> {
  const hardStop = setTimeout(() => {
    process.stderr.write(`realtime-fanout: still running after ${HARD_STOP_MS} ms, exiting\n`);
    process.exit(1);
  }, HARD_STOP_MS);
  hardStop.unref();

  const server = createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const hub = new SubscriptionHub();
  const realtime = attachRealtime(server, { backend, hub });
  const clients: Client[] = [];

  // attachRealtime keeps its server-side sockets to itself; the peer needs them. ws's public
  // handleUpgrade is wrapped while the clients connect (and only then) to see each socket it hands
  // to attachRealtime, keyed by the ?client= query of the upgrade request.
  const serverSockets = new Map<string, WebSocket>();
  const handleUpgrade = WebSocketServer.prototype.handleUpgrade;
  WebSocketServer.prototype.handleUpgrade = function (this: WebSocketServer, request, socket, head, callback) {
    const client = new URL(request.url ?? '/', 'http://bench.invalid').searchParams.get('client') ?? '';
    handleUpgrade.call(this, request, socket, head, (ws, upgradeRequest) => {
      serverSockets.set(client, ws);
      callback(ws, upgradeRequest);
    });
  };

  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const url = `ws://127.0.0.1:${port}/graphql/realtime`;
    for (let c = 0; c < CONNECTIONS; c++) clients.push(await withTimeout(connect(url, c), SETUP_TIMEOUT_MS, `client ${c} setup`));
    WebSocketServer.prototype.handleUpgrade = handleUpgrade;
    for (const client of clients) client.serverSocket = serverSockets.get(String(client.index)) ?? null;
    if (clients.some((client) => client.serverSocket === null)) throw new Error('a server-side socket was not captured');
    if (hub.size !== SUBSCRIBERS) throw new Error(`hub has ${hub.size} subscriptions, expected ${SUBSCRIBERS}`);

    // The twin: one publish is the GraphQL layer's call after sendMessage resolved.
    const twinPublish = (offset: number) => (n: number) => {
      const result = messageResult(offset + n);
      const delivered = hub.publish({ mutationField: 'sendMessage', result, mutationSelection: MESSAGE_SELECTION });
      if (delivered !== SUBSCRIBERS) throw new Error(`publish delivered ${delivered}, expected ${SUBSCRIBERS}`);
    };
    // The peer: the same frames, built once (message 0), sent as they are on the same sockets.
    const first = messageResult(0);
    const peerMessage = Object.fromEntries(MESSAGE_SELECTION.fields.map(({ fieldName }) => [fieldName, fieldName === '__typename' ? 'Message' : first[fieldName]]));
    const peerPayload = JSON.stringify({ data: { onNewMessage: peerMessage } });
    const peerFrames = clients.map((client) =>
      client.subscriptionIds.map((id) => `{"type":"data","id":${JSON.stringify(id)},"payload":${peerPayload}}`),
    );
    const peerPublish = () => {
      for (let c = 0; c < clients.length; c++) {
        const socket = clients[c].serverSocket as WebSocket;
        for (const frame of peerFrames[c]) socket.send(frame);
      }
    };

    // Warm-up, outside the figures; it also checks the twin's frames against the peer's.
    const warmTwin = await runPhase(WARMUP_PUBLISHES, twinPublish(900_000));
    await runPhase(WARMUP_PUBLISHES, peerPublish);
    const peerBytes = Buffer.byteLength(peerFrames[0][0]);
    if (warmTwin.minBytes !== peerBytes || warmTwin.maxBytes !== peerBytes) {
      throw new Error(`frame sizes differ: twin ${warmTwin.minBytes}-${warmTwin.maxBytes} bytes, peer ${peerBytes}`);
    }

    const twinRows: Row[] = [];
    const peerRows: Row[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const twin = await runPhase(PUBLISHES, twinPublish(round * PUBLISHES));
      twinRows.push({ name: `twin: hub.publish + attachRealtime sockets (round ${round})`, frames: PUBLISHES * SUBSCRIBERS, ...twin });
      const peer = await runPhase(PUBLISHES, peerPublish);
      peerRows.push({ name: `peer: plain ws socket.send, no matching (round ${round})`, frames: PUBLISHES * SUBSCRIBERS, ...peer });
    }
    for (const row of [...twinRows, ...peerRows]) {
      if (row.minBytes !== peerBytes || row.maxBytes !== peerBytes) throw new Error(`${row.name}: frames of ${row.minBytes}-${row.maxBytes} bytes, expected ${peerBytes}`);
    }
    const bestPeerRate = Math.max(...peerRows.map((row) => row.frames / (row.wallNs / 1e9)));

    const lines = [
      '# Realtime fan-out benchmark',
      '',
      `Measured ${new Date().toISOString()} with \`npx tsx bench/realtime-fanout.ts\` on Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), a machine shared with other work.`,
      `Parameters: ${CONNECTIONS} connections × ${SUBSCRIPTIONS_PER_CONNECTION} subscriptions (onNewMessage(roomId), one room, argument filter) = ${SUBSCRIBERS.toLocaleString('en-US')} subscribers; ${PUBLISHES} publishes per round (${(PUBLISHES * SUBSCRIBERS).toLocaleString('en-US')} frames), ${ROUNDS} rounds, twin and peer alternating, after ${WARMUP_PUBLISHES} warm-up publishes each. 127.0.0.1, one process: server and clients share one event loop, so the clients' receive work is in both figures.`,
      'Twin: `hub.publish({ mutationField: "sendMessage", result, mutationSelection })` (restrict, argument filter, projection, JSON per subscriber, socket.send), through the real `attachRealtime` sockets. Peer: the same number of frames of the same size, prebuilt, sent with plain `ws` `socket.send` on the same server-side sockets to the same client connections.',
      'Deliveries/s: frames / time from the first publish until the clients had counted every frame. Sync µs: one publish() call (peer: one publish\'s worth of socket.send calls), which blocks the event loop; the loop yields once between publishes.',
      '',
      '| Case | Frames | Frame bytes | Wall ms | Deliveries/s | p50 sync µs | p99 sync µs | vs best peer |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...[...twinRows, ...peerRows].map((row) => formatRow(row, bestPeerRate)),
      '',
    ];
    const table = lines.join('\n');
    process.stdout.write(table);
    writeFileSync(resultsPath('realtime-fanout.md'), table);
  } finally {
    WebSocketServer.prototype.handleUpgrade = handleUpgrade;
    // Server-initiated close of every socket (the clients answer the close handshake), then the server.
    await realtime.close();
    for (const client of clients) client.socket.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(hardStop);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
