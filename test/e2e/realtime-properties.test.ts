// Property-based tests of the realtime socket on a real twin (issue 8 §5), over wss with the
// twin's CA. Each run opens a connection (as a member, an Admin, a user in no group, IAM, or with
// no or bad credentials) and sends generated frames one at a time: garbage text, binary, JSON of
// the wrong shape, starts with a bad payload.data, huge, unicode and duplicated ids, stops for
// unknown ids, and starts of documents generated from the schema (skipped root fields among
// them). Whatever comes in:
// - the twin sends only documented frames (reference appsync-realtime-and-amplify.md §2.2) and
//   closes only with a documented code, logs no error (where a failure it caught would show),
//   and keeps serving (a control subscription per run);
// - a start answered `error` registered nothing (twin.subscriptionCount() unchanged), and a
//   start_ack registered one;
// - a refused start never receives data: two messages are sent to the room, and once the control
//   subscription on the same socket has the second, nothing has arrived for any refused id.
//
// Seed: PROPERTY_SEED (default in support/property-runs.ts, logged); PROPERTY_RUNS scales runs.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { loadApiSchema } from '../../local/graphql/schema';
import type { Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import { capturingLogger, errorsSince, type LogEntry } from './support/log-capture';
import { FrameSocket, type ReceivedMessage } from './support/frame-socket';
import { documentArb, type GeneratedDocument } from './support/graphql-arbitraries';
import { iamIdentity, type Identity } from './support/identities';
import { propertyRuns, propertySeed } from './support/property-runs';
import { cognitoSignIn, graphqlRequest } from './support/raw-clients';
import { DOCUMENTED_CLOSE_CODES, serverMessageProblems } from './support/realtime-answers';

const SEED = propertySeed();
const RUNS = propertyRuns(120);
/** Longer than any answer takes; a frame not answered by then counts as a hang. */
const ANSWER_DEADLINE_MS = 10_000;
/** The incoming frame limit (README limits table; local/realtime/limits.ts maxIncomingFrameBytes): 1 MiB. */
const FRAME_LIMIT = 1024 * 1024;

const PASSWORDS = { alice: 'Alice#Local1', bob: 'Bob#Local1', carol: 'Carol#Local1' } as const;
type Person = keyof typeof PASSWORDS;

let twin: Twin;
/** What the twin logged: an error entry means it caught a failure of its own. */
let twinLog: LogEntry[] = [];
let schema: GraphQLSchema;
let host = '';
let iam: Identity;
const tokens = {} as Record<Person, string>;
let room = '';
const pools: Record<string, unknown[]> = {};

const tally = { runs: 0, frames: 0, starts: 0, acknowledged: 0, refused: 0, stoppedWhilePending: 0, refusedConnections: 0, closedByTwin: 0 };

// ---------------------------------------------------------------------------------------------
// What a run sends

type Auth = 'bob' | 'alice' | 'carol' | 'iam' | 'none' | 'garbage token' | 'not an object';
type ConnectionAuth = 'bob' | 'alice' | 'carol' | 'iam' | 'none' | 'garbage token' | 'no header subprotocol';
/** Connections the twin accepts (their token or signature is valid; group checks come per field). */
const ACCEPTED_CONNECTIONS: ReadonlySet<ConnectionAuth> = new Set(['bob', 'alice', 'carol', 'iam']);

type FrameSpec =
  | { kind: 'connection_init'; extra: unknown }
  | { kind: 'start'; id: unknown; doc: GeneratedDocument; auth: Auth }
  | { kind: 'start twice at once'; id: string; doc: GeneratedDocument; auth: Auth }
  /** The stop arrives while the start is being prepared: the stop's complete is the only answer. */
  | { kind: 'start then stop at once'; id: string; doc: GeneratedDocument; auth: Auth }
  | { kind: 'start with a bad payload'; id: unknown; payload: unknown }
  | { kind: 'stop'; id: unknown }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'binary connection_init' }
  | { kind: 'large text'; length: number };

const idArb: fc.Arbitrary<unknown> = fc.oneof(
  // A few ids, so that duplicates and stops of live ids come up.
  { arbitrary: fc.constantFrom('a', 'b', 'c'), weight: 8 },
  { arbitrary: fc.uuid(), weight: 2 },
  fc.constantFrom('', 'x'.repeat(10_000), 'ünï©ødé-😀', '\u0000', ' '),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
  fc.constantFrom(5, null, {}, ['a'], true),
);

const authArb: fc.Arbitrary<Auth> = fc.oneof(
  { arbitrary: fc.constant<Auth>('bob'), weight: 6 },
  { arbitrary: fc.constantFrom<Auth>('alice', 'carol', 'iam', 'none'), weight: 4 },
  fc.constantFrom<Auth>('garbage token', 'not an object'),
);

function frameArb(): fc.Arbitrary<FrameSpec> {
  // Mostly subscriptions; now and then a query or mutation, which the channel refuses.
  const docs = fc
    .oneof({ arbitrary: documentArb(schema, pools, { kinds: ['subscription'], maxOperations: 2 }), weight: 8 }, { arbitrary: documentArb(schema, pools), weight: 1 })
    // A frame past the incoming frame limit closes the socket (its own run below covers that).
    .filter((doc) => Buffer.byteLength(JSON.stringify(startData(doc))) < FRAME_LIMIT - 4096);
  const badPayload = fc.oneof(
    fc.constantFrom(undefined, null, 'a string', 5, [], {}),
    fc.record({ data: fc.oneof(fc.jsonValue(), fc.constantFrom('not json', '[1]', '{"query":5}', '{"variables":{}}', '{"query":"subscription { onNewMessage(roomId: \\"x\\") { id } }","variables":[1]}', '{"query":"{ myRooms { id } }","operationName":7}')) }),
    fc.record({ data: fc.constant('{"query":"subscription($r: ID!) { onNewMessage(roomId: $r) { id } }"}'), extensions: fc.jsonValue() }),
  );
  return fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('start' as const), id: idArb, doc: docs, auth: authArb }), weight: 12 },
    { arbitrary: fc.record({ kind: fc.constant('start twice at once' as const), id: fc.constantFrom('a', 'b', 'twin'), doc: docs, auth: authArb }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('start then stop at once' as const), id: fc.constantFrom('a', 'b', 'raced'), doc: docs, auth: authArb }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('start with a bad payload' as const), id: idArb, payload: badPayload }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('stop' as const), id: idArb }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('connection_init' as const), extra: fc.jsonValue() }), weight: 2 },
    {
      arbitrary: fc.record({
        kind: fc.constant('json' as const),
        value: fc.oneof(
          fc.jsonValue(),
          fc.record({ type: fc.constantFrom('subscribe', 'ping', 'pong', 'ka', 'connection_terminate', 'START', 'data', 'complete', '', 'connection_ack'), id: idArb }, { requiredKeys: ['type'] }),
          fc.record({ type: fc.oneof(fc.integer(), fc.constant(null), fc.constant(['start'])), id: idArb }),
        ),
      }),
      weight: 3,
    },
    { arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.string({ unit: 'binary', maxLength: 100 }) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('binary' as const), bytes: fc.uint8Array({ maxLength: 100 }) }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'binary connection_init' as const }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('large text' as const), length: fc.constantFrom(250_000, 1_000_000) }), weight: 1 },
  );
}

const connectionArb: fc.Arbitrary<ConnectionAuth> = fc.oneof(
  { arbitrary: fc.constant<ConnectionAuth>('bob'), weight: 8 },
  { arbitrary: fc.constantFrom<ConnectionAuth>('alice', 'carol', 'iam'), weight: 3 },
  fc.constantFrom<ConnectionAuth>('none', 'garbage token', 'no header subprotocol'),
);

// ---------------------------------------------------------------------------------------------
// Sending

function startData(doc: GeneratedDocument): string {
  return JSON.stringify({ query: doc.query, variables: doc.variables, operationName: doc.operationName });
}

async function startAuthorization(auth: Auth, data: string): Promise<unknown> {
  switch (auth) {
    case 'bob':
    case 'alice':
    case 'carol':
      return { host, Authorization: tokens[auth] };
    case 'iam':
      return iam.startAuthorization(data);
    case 'none':
      return undefined;
    case 'garbage token':
      return { host, Authorization: 'e30.e30.x' };
    case 'not an object':
      return 'Authorization';
  }
}

async function startFrame(id: unknown, doc: GeneratedDocument, auth: Auth): Promise<string> {
  const data = startData(doc);
  const authorization = await startAuthorization(auth, data);
  return JSON.stringify({ id, type: 'start', payload: { data, ...(authorization === undefined ? {} : { extensions: { authorization } }) } });
}

async function openConnection(auth: ConnectionAuth): Promise<FrameSocket> {
  if (auth === 'no header subprotocol') return FrameSocket.open(twin.realtimeUrl, ['graphql-ws'], twin.caCert);
  const header =
    auth === 'iam' ? await iam.connectionHeader() : auth === 'none' ? { host } : auth === 'garbage token' ? { host, Authorization: 'e30.e30.x' } : { host, Authorization: tokens[auth] };
  return FrameSocket.open(twin.realtimeUrl, ['graphql-ws', `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`], twin.caCert);
}

async function send(socket: FrameSocket, spec: FrameSpec): Promise<void> {
  switch (spec.kind) {
    case 'connection_init':
      return socket.sendText(JSON.stringify({ type: 'connection_init', payload: spec.extra }));
    case 'start':
      return socket.sendText(await startFrame(spec.id, spec.doc, spec.auth));
    case 'start twice at once': {
      const text = await startFrame(spec.id, spec.doc, spec.auth);
      socket.sendText(text);
      return socket.sendText(text);
    }
    case 'start then stop at once':
      socket.sendText(await startFrame(spec.id, spec.doc, spec.auth));
      return socket.sendText(JSON.stringify({ type: 'stop', id: spec.id }));
    case 'start with a bad payload':
      return socket.sendText(JSON.stringify({ id: spec.id, type: 'start', payload: spec.payload }));
    case 'stop':
      return socket.sendText(JSON.stringify({ type: 'stop', id: spec.id }));
    case 'json':
      return socket.sendText(JSON.stringify(spec.value));
    case 'text':
      return socket.sendText(spec.text);
    case 'binary':
      return socket.sendBinary(spec.bytes);
    case 'binary connection_init':
      return socket.sendBinary(Buffer.from(JSON.stringify({ type: 'connection_init' })));
    case 'large text':
      return socket.sendText('x'.repeat(spec.length));
  }
}

/** How many answers (frames other than ka) the twin sends for one frame: every frame gets one, a double start two. */
const answersFor = (spec: FrameSpec) => (spec.kind === 'start twice at once' ? 2 : 1);

const isId = (id: unknown): id is string => typeof id === 'string' && id !== '';

async function sendMessage(content: string): Promise<string> {
  const result = await graphqlRequest(twin.graphqlUrl, tokens.bob, 'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { id roomId senderId sender content createdAt editedAt deleted } }', {
    r: room,
    c: content,
    k: randomUUID(),
  });
  expect(result.body.errors).toBeUndefined();
  return (result.body.data?.sendMessage as { id: string }).id;
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  const captured = capturingLogger('warn');
  twinLog = captured.entries;
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn', logger: captured.logger });
  schema = loadApiSchema();
  host = new URL(twin.graphqlUrl).host;
  iam = iamIdentity(twin.graphqlUrl, twin.region, twin.accessKey);
  for (const person of Object.keys(PASSWORDS) as Person[]) {
    tokens[person] = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, person, PASSWORDS[person])).accessToken;
  }
  const created = await graphqlRequest(twin.graphqlUrl, tokens.bob, 'mutation($n: String!) { createRoom(name: $n) { id } }', { n: 'realtime properties' });
  room = (created.body.data?.createRoom as { id: string }).id;
  await graphqlRequest(twin.graphqlUrl, tokens.alice, 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }', { r: room });
  pools.roomId = [room, room, room, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'not-a-ulid'];
  console.info(`realtime-properties: seed ${SEED} (PROPERTY_SEED to replay), ${RUNS} runs`);
}, 60_000);

afterAll(async () => {
  console.info(
    `realtime-properties (seed ${SEED}): ${tally.runs} connections, ${tally.frames} frames (${tally.starts} starts: ${tally.acknowledged} acknowledged, ${tally.refused} refused, ${tally.stoppedWhilePending} stopped before their answer), ` +
      `${tally.refusedConnections} connections refused, ${tally.closedByTwin} closed by the twin`,
  );
  await twin?.stop();
}, 60_000);

describe('the realtime socket with generated frames', () => {
  it('sends only documented frames and close codes, registers nothing for a refused start, and never delivers to one', async () => {
    const baseline = twin.subscriptionCount();
    const runArb = fc.oneof(
      { arbitrary: fc.record({ connection: connectionArb, frames: fc.array(frameArb(), { minLength: 1, maxLength: 8 }) }), weight: 30 },
      // Past the incoming frame limit the socket is closed: alone in its run, with nothing live.
      { arbitrary: fc.record({ connection: fc.constant<ConnectionAuth>('bob'), frames: fc.constant<FrameSpec[]>([{ kind: 'large text', length: FRAME_LIMIT + 1 }]) }), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(runArb, async ({ connection, frames }) => {
        tally.runs += 1;
        const logged = twinLog.length;
        expect(twin.subscriptionCount()).toBe(baseline);
        const socket = await openConnection(connection);
        const live = new Set<string>();
        const refused = new Set<string>();
        const everAcknowledged = new Set<string>();
        try {
          for (const spec of frames) {
            if (!socket.isOpen) break;
            tally.frames += 1;
            const before = twin.subscriptionCount();
            await send(socket, spec);
            if (spec.kind === 'start then stop at once' && ACCEPTED_CONNECTIONS.has(connection)) {
              // The stop is answered complete; before it at most an error for the same id (a
              // duplicate of a live id, say). A start_ack, or anything later for this id, would
              // be an answer to a stopped start; the next frame's checks would see it.
              const answers = await socket.answersUntil((m) => m.frame?.type === 'complete' && m.frame.id === spec.id, ANSWER_DEADLINE_MS);
              expect(answers.map((m) => m.frame)).toEqual([...(answers.length === 2 ? [{ type: 'error', id: spec.id, payload: expect.anything() }] : []), { type: 'complete', id: spec.id }]);
              tally.starts += 1;
              tally.stoppedWhilePending += 1;
              if (live.delete(spec.id)) expect(twin.subscriptionCount()).toBe(before - 1);
              else expect(twin.subscriptionCount()).toBe(before);
              refused.add(spec.id);
              everAcknowledged.delete(spec.id);
              continue;
            }
            const answers: ReceivedMessage[] = [];
            for (let i = 0; i < answersFor(spec); i += 1) {
              const answer = await socket.nextAnswer(ANSWER_DEADLINE_MS);
              if (answer) answers.push(answer);
            }
            // An accepted connection is closed only for a frame past the limit.
            const overLimit = spec.kind === 'large text' && spec.length > FRAME_LIMIT;
            if (ACCEPTED_CONNECTIONS.has(connection) && !overLimit) expect({ closedByTwin: socket.closeEvent, after: spec.kind }).toEqual({ closedByTwin: null, after: spec.kind });
            if (overLimit) expect((await socket.closed).code).toBe(1009);
            const id = 'id' in spec ? spec.id : undefined;
            if ((spec.kind === 'start' || spec.kind === 'start twice at once') && isId(id) && ACCEPTED_CONNECTIONS.has(connection)) {
              tally.starts += answersFor(spec);
              // Every start is answered, with its id, by start_ack or error.
              expect(answers.map((a) => [a.frame?.id, a.frame?.type === 'start_ack' || a.frame?.type === 'error'])).toEqual(Array(answersFor(spec)).fill([id, true]));
              const acks = answers.filter((a) => a.frame?.type === 'start_ack').length;
              tally.acknowledged += acks;
              tally.refused += answers.length - acks;
              // One start_ack registers one subscription; an error registers none.
              expect(twin.subscriptionCount()).toBe(before + acks);
              if (acks > 0) {
                live.add(id);
                everAcknowledged.add(id);
              } else if (!live.has(id)) refused.add(id);
            } else if (spec.kind === 'stop' && isId(id) && ACCEPTED_CONNECTIONS.has(connection)) {
              expect(answers.map((a) => a.frame)).toEqual([{ type: 'complete', id }]);
              expect(twin.subscriptionCount()).toBe(live.delete(id) ? before - 1 : before);
            } else {
              // Anything else registers nothing.
              expect(twin.subscriptionCount()).toBe(before);
            }
          }

          if (socket.isOpen && ACCEPTED_CONNECTIONS.has(connection)) {
            // The control: a subscription of bob's on this socket. Once it has the second of two
            // messages, both have been fanned out to this socket.
            const control = `control-${randomUUID()}`;
            const since = socket.mark();
            socket.sendText(await startFrame(control, { query: 'subscription($r: ID!) { onNewMessage(roomId: $r) { id } }', variables: { r: room }, operationName: undefined, operations: [], damaged: false, strict: true }, 'bob'));
            expect((await socket.waitFor((m) => m.frame?.id === control, ANSWER_DEADLINE_MS, since))?.frame).toEqual({ type: 'start_ack', id: control });
            await sendMessage('first');
            const second = await sendMessage('second');
            const delivered = await socket.waitFor((m) => m.frame?.id === control && m.frame.type === 'data' && JSON.stringify(m.frame.payload).includes(second), ANSWER_DEADLINE_MS, since);
            expect(delivered?.frame?.type).toBe('data');
            const toRefused = socket.received.filter((m) => isId(m.frame?.id) && refused.has(m.frame.id as string) && !everAcknowledged.has(m.frame.id as string) && m.frame.type === 'data');
            expect(toRefused).toEqual([]);
            // Stop everything live, so the next run starts from the baseline.
            for (const id of [...live, control]) {
              const mark = socket.mark();
              socket.sendText(JSON.stringify({ type: 'stop', id }));
              expect((await socket.waitFor((m) => m.frame?.id === id && m.frame.type === 'complete', ANSWER_DEADLINE_MS, mark))?.frame).toEqual({ type: 'complete', id });
            }
            expect(twin.subscriptionCount()).toBe(baseline);
          } else if (!ACCEPTED_CONNECTIONS.has(connection)) {
            // A refused handshake: connection_error, then the twin closes the socket.
            tally.refusedConnections += 1;
            const { code } = await socket.closed;
            expect(code).toBe(1000);
            expect(socket.received.map((m) => m.frame?.type)).toContain('connection_error');
          }
        } finally {
          if (socket.closeEvent) tally.closedByTwin += 1;
          const closedByTwin = socket.closeEvent;
          await socket.close();
          if (closedByTwin) expect(DOCUMENTED_CLOSE_CODES).toContain(closedByTwin.code);
        }
        expect(socket.received.flatMap(serverMessageProblems)).toEqual([]);
        // A data frame carries one root field: the subscription's.
        expect(socket.received.filter((m) => m.frame?.type === 'data' && Object.keys((m.frame.payload as { data: object }).data).length !== 1)).toEqual([]);
        expect(errorsSince(twinLog, logged)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 180_000);

  it('still serves a subscriber afterwards: a start, a message, its data (aliases named like Object.prototype members included)', async () => {
    const socket = await openConnection('bob');
    socket.sendText(JSON.stringify({ type: 'connection_init' }));
    expect((await socket.nextAnswer(ANSWER_DEADLINE_MS))?.frame).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } });
    const query = 'subscription($r: ID!) { onNewMessage(roomId: $r) { id __proto__: content constructor: sender } }';
    socket.sendText(await startFrame('after', { query, variables: { r: room }, operationName: undefined, operations: [], damaged: false, strict: true }, 'bob'));
    expect((await socket.waitFor((m) => m.frame?.id === 'after', ANSWER_DEADLINE_MS))?.frame).toEqual({ type: 'start_ack', id: 'after' });
    const id = await sendMessage('after the properties');
    const data = await socket.waitFor((m) => m.frame?.type === 'data', ANSWER_DEADLINE_MS);
    // Compared as text: each alias is a key of the frame (a "__proto__" key once went missing).
    expect(data?.raw).toBe(JSON.stringify({ type: 'data', id: 'after', payload: { data: { onNewMessage: { id, ['__proto__']: 'after the properties', constructor: 'bob' } } } }));
    await socket.close();
  });
});
