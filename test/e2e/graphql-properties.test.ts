// Property-based tests of POST /graphql on a real twin (issue 8 §5): generated documents,
// variables and request bodies, sent by real signed-in users, by IAM and by callers without
// valid credentials. Whatever comes in:
// - the status is never 5xx (Amplify re-sends those) and the body is a well-formed AppSync
//   answer (reference appsync-realtime-and-amplify.md §1.3);
// - the twin keeps answering (a canary request after every input) and logs no error (where a
//   failure it caught would show);
// - the DynamoDB table is unchanged unless a mutation's root field ran (a refusal changes nothing).
//
// Seed: PROPERTY_SEED (default in support/property-runs.ts, logged); PROPERTY_RUNS scales the
// run counts. A failure prints fast-check's seed, path and counterexample.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient } from '../../local/dynamodb-local';
import { loadApiSchema } from '../../local/graphql/schema';
import type { Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import { capturingLogger, errorsSince, type LogEntry } from './support/log-capture';
import { appSyncAnswerProblems, type HttpAnswer } from './support/appsync-response';
import { documentArb, type GeneratedDocument } from './support/graphql-arbitraries';
import { anonymousIdentity, iamIdentity, tokenIdentity, type Identity } from './support/identities';
import { propertyRuns, propertySeed } from './support/property-runs';
import { cognitoSignIn, graphqlRequest } from './support/raw-clients';
import { diffTables, scanTable, type TableSnapshot } from './support/table-snapshot';

const SEED = propertySeed();
const DOCUMENT_RUNS = propertyRuns(300);
const BODY_RUNS = propertyRuns(150);
const BATCH_RUNS = propertyRuns(30);
/** Requests in flight at once in the concurrent property. */
const BATCH_SIZE = 8;
/** A request the twin has not answered by then counts as hung. */
const REQUEST_TIMEOUT_MS = 15_000;

const PASSWORDS = { alice: 'Alice#Local1', bob: 'Bob#Local1', carol: 'Carol#Local1' } as const;
type Person = keyof typeof PASSWORDS;

let twin: Twin;
/** What the twin logged: an error entry means it caught a failure of its own. */
let twinLog: LogEntry[] = [];
let schema: GraphQLSchema;
let db: DynamoDBClient;
const people = {} as Record<Person, { sub: string; accessToken: string; idToken: string }>;
let callers: Record<string, Identity>;
let sharedRoom = '';
let table: TableSnapshot;

/** What the properties saw, for the summary line. */
const tally = {
  documents: { inputs: 0, withData: 0, refused: 0, http4xx: 0, tableChanges: 0 },
  bodies: { inputs: 0, http200: 0, http4xx: 0 },
  batches: { inputs: 0, requests: 0 },
};

async function must(person: Person, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await graphqlRequest(twin.graphqlUrl, people[person].accessToken, query, variables);
  if (result.status !== 200 || result.body.errors) throw new Error(`${person}: ${JSON.stringify(result.body)}`);
  return result.body.data ?? {};
}

async function post(body: string | Uint8Array, headers: Record<string, string>, method = 'POST'): Promise<HttpAnswer & { body: unknown }> {
  const response = await fetch(twin.graphqlUrl, {
    method,
    headers,
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), errorTypeHeader: response.headers.get('x-amzn-errortype'), text, body: parsed };
}

/** The twin still answers a plain request that reads DynamoDB. */
async function expectTwinAnswers(): Promise<void> {
  const canary = await graphqlRequest(twin.graphqlUrl, people.bob.accessToken, 'query { myRooms { id } }');
  expect(canary.status).toBe(200);
  expect(canary.body).toEqual({ data: { myRooms: expect.any(Array) } });
}

/** The kind of the operation the request names (or its only one); null when that cannot be told. */
function executedKind(doc: GeneratedDocument): string | null {
  if (doc.damaged) return null;
  if (doc.operations.length === 1) return doc.operations[0]?.kind ?? null;
  const named = doc.operations.filter((o) => o.name !== null && o.name === doc.operationName);
  return named.length === 1 ? (named[0]?.kind ?? null) : null;
}

function hasValue(data: unknown): boolean {
  return typeof data === 'object' && data !== null && Object.values(data).some((v) => v !== null && v !== undefined);
}

/**
 * The root field ran and only a field below it failed (every error's path is deeper than the
 * root), e.g. a non-null field of the result the resolver left null: the mutation happened and
 * non-null propagation still nulls data, as on AppSync. That is not a refusal.
 */
function failedBelowTheRoot(errors: unknown[] | undefined): boolean {
  return (errors ?? []).length > 0 && (errors ?? []).every((e) => Array.isArray((e as { path?: unknown }).path) && ((e as { path: unknown[] }).path.length > 1));
}

beforeAll(async () => {
  const captured = capturingLogger('warn');
  twinLog = captured.entries;
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn', logger: captured.logger });
  schema = loadApiSchema();
  db = createLocalDynamoDBClient(twin.dynamodbEndpoint);
  for (const person of Object.keys(PASSWORDS) as Person[]) {
    people[person] = { sub: twin.pool.getUser(person).sub, ...(await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, person, PASSWORDS[person])) };
  }
  const created = await must('bob', 'mutation($n: String!) { createRoom(name: $n) { id } }', { n: 'properties' });
  sharedRoom = (created.createRoom as { id: string }).id;
  await must('alice', 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }', { r: sharedRoom });
  const other = await must('alice', 'mutation($n: String!) { createRoom(name: $n) { id } }', { n: "alice's" });
  const messageIds: string[] = [];
  for (const content of ['first', 'second']) {
    const sent = await must('bob', 'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { id } }', { r: sharedRoom, c: content, k: randomUUID() });
    messageIds.push((sent.sendMessage as { id: string }).id);
  }
  // The shared room twice: most generated calls should name a room they may use.
  pools.roomId = [sharedRoom, sharedRoom, (other.createRoom as { id: string }).id, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'not-a-ulid'];
  pools.messageId = [...messageIds, '01ARZ3NDEKTSV4RRFFQ69G5FAV'];
  pools.userId = [people.carol.sub, people.alice.sub, 'someone'];
  callers = {
    bob: tokenIdentity(twin.graphqlUrl, people.bob.accessToken),
    'bob (ID token)': tokenIdentity(twin.graphqlUrl, people.bob.idToken),
    alice: tokenIdentity(twin.graphqlUrl, people.alice.accessToken),
    'carol (no group)': tokenIdentity(twin.graphqlUrl, people.carol.accessToken),
    'no credentials': anonymousIdentity(twin.graphqlUrl),
    'a garbage token': tokenIdentity(twin.graphqlUrl, 'e30.e30.x'),
    IAM: iamIdentity(twin.graphqlUrl, twin.region, twin.accessKey),
    'IAM, wrong secret': iamIdentity(twin.graphqlUrl, twin.region, { ...twin.accessKey, secretAccessKey: 'wrong' }),
  };
  table = await scanTable(db, twin.tableName);
  console.info(`graphql-properties: seed ${SEED} (PROPERTY_SEED to replay), ${DOCUMENT_RUNS} documents, ${BODY_RUNS} bodies, ${BATCH_RUNS} batches of ${BATCH_SIZE}`);
}, 60_000);

afterAll(async () => {
  const d = tally.documents;
  const b = tally.bodies;
  console.info(
    `graphql-properties (seed ${SEED}): documents ${d.inputs} inputs (${d.withData} with data, ${d.refused} refused with errors and no data, ${d.http4xx} HTTP 4xx, ${d.tableChanges} that changed the table); ` +
      `bodies ${b.inputs} inputs (${b.http200} HTTP 200, ${b.http4xx} HTTP 4xx); concurrent batches ${tally.batches.inputs} inputs (${tally.batches.requests} requests)`,
  );
  db?.destroy();
  await twin?.stop();
}, 60_000);

/** Real values for arguments (filled in beforeAll): rooms, messages and users that exist, and some that do not. */
const pools: Record<string, unknown[]> = {
  content: ['hello', ' ', '', 'x'.repeat(2_000), 'x'.repeat(2_001), 'ünï©ødé 😀'],
  name: ['a room', '', 'n'.repeat(101)],
  clientMessageId: ['retry-1', 'retry-2', 'bad id!', 'k'.repeat(65)],
  limit: [1, 50, 100, 0, 101, -1],
  nextToken: ['e30', 'not-a-token', ''],
};

/** Mostly members, so that a fair share of the documents reach the resolvers. */
const CALLER_WEIGHTS: Record<string, number> = { bob: 8, alice: 5, 'bob (ID token)': 2, 'carol (no group)': 2, IAM: 2, 'no credentials': 1, 'a garbage token': 1, 'IAM, wrong secret': 1 };
const callerArb = () => fc.oneof(...Object.entries(CALLER_WEIGHTS).map(([name, weight]) => ({ arbitrary: fc.constant(name), weight })));

describe('POST /graphql with generated documents and variables', () => {
  it('never answers 5xx, always answers in AppSync shapes, keeps answering, and changes nothing on a refusal', async () => {
    await fc.assert(
      fc.asyncProperty(documentArb(schema, pools), callerArb(), async (doc, callerName) => {
        tally.documents.inputs += 1;
        const logged = twinLog.length;
        const body = JSON.stringify({ query: doc.query, variables: doc.variables, operationName: doc.operationName });
        const identity = callers[callerName] as Identity;
        const answer = await post(body, { 'content-type': 'application/json', ...(await identity.httpHeaders(body)) });
        expect(appSyncAnswerProblems(answer)).toEqual([]);

        const response = answer.body as { data?: unknown; errors?: unknown[] };
        if (answer.status >= 400) tally.documents.http4xx += 1;
        else if (hasValue(response.data)) tally.documents.withData += 1;
        else tally.documents.refused += 1;

        // Only a mutation whose root field ran may have written (each generated mutation has one root field).
        const after = await scanTable(db, twin.tableName);
        const diff = diffTables(table, after);
        const ranMutation = answer.status === 200 && (hasValue(response.data) || failedBelowTheRoot(response.errors));
        const mayWrite = ranMutation && executedKind(doc) !== 'query' && executedKind(doc) !== 'subscription';
        if (!mayWrite) expect(diff).toEqual({ added: [], removed: [], changed: [] });
        if (diff.added.length + diff.removed.length + diff.changed.length > 0) tally.documents.tableChanges += 1;
        table = after;
        await expectTwinAnswers();
        expect(errorsSince(twinLog, logged)).toEqual([]);
      }),
      { seed: SEED, numRuns: DOCUMENT_RUNS },
    );
  }, 180_000);
});

/** Request bodies that are not a well-formed GraphQL request, or only just. */
const bodyArb: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.array(fc.record({ query: fc.constant('{ myRooms { id } }') })).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        query: fc.oneof(fc.constantFrom('{ myRooms { id } }', 'query { __typename }', '', '{', '}}}', '{ getRoom(roomId: "x") { id } }'), fc.jsonValue()),
        variables: fc.oneof(fc.jsonValue(), fc.constant('{"roomId":"x"}')),
        operationName: fc.jsonValue(),
        extensions: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.tuple(fc.constant(JSON.stringify({ query: 'query($r: ID!) { getRoom(roomId: $r) { id name } }', variables: { r: 'x' } })), fc.nat()).map(([text, n]) => text.slice(0, n % text.length)),
  fc.constantFrom(
    '{"query":"{ myRooms { id } }","query":5}',
    '{"query":"{ myRooms { id } }"}   trailing',
    `{"query":"{ myRooms { id } }","variables":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
    JSON.stringify({ query: `query { ${'myRooms { id } '.repeat(6_000)}}` }),
    JSON.stringify({ query: `{ myRooms { id } }${'#'.repeat(70_000)}` }),
    JSON.stringify({ query: '{ myRooms { id } }', variables: { s: 'x'.repeat(3_000_000) } }),
    'x'.repeat(5 * 1024 * 1024 + 1),
    '\uFEFF{"query":"{ myRooms { id } }"}',
    '{"query":"\\ud800"}',
    'null',
    '',
  ),
);

describe('POST /graphql with arbitrary bodies', () => {
  it('never answers 5xx, always answers in AppSync shapes, keeps answering, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        fc.constantFrom('application/json', 'application/json; charset=UTF-8', 'application/graphql', 'text/plain', 'multipart/form-data; boundary=x', null),
        fc.constantFrom('bob', 'no credentials', 'a garbage token'),
        fc.oneof({ arbitrary: fc.constant('POST'), weight: 10 }, fc.constantFrom('GET', 'PUT')),
        async (body, contentType, callerName, method) => {
          tally.bodies.inputs += 1;
          const logged = twinLog.length;
          const text = typeof body === 'string' ? body : Buffer.from(body).toString('latin1');
          const headers = { ...(contentType ? { 'content-type': contentType } : {}), ...(await (callers[callerName] as Identity).httpHeaders(text)) };
          const answer = await post(body, headers, method);
          expect(appSyncAnswerProblems(answer)).toEqual([]);
          if (answer.status === 200) tally.bodies.http200 += 1;
          else tally.bodies.http4xx += 1;
          const after = await scanTable(db, twin.tableName);
          expect(diffTables(table, after)).toEqual({ added: [], removed: [], changed: [] });
          await expectTwinAnswers();
          expect(errorsSince(twinLog, logged)).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: BODY_RUNS },
    );
  }, 180_000);
});

describe('POST /graphql with generated documents in flight at once', () => {
  it('never answers 5xx nor anything but AppSync shapes when requests race (the same rooms, retries of one clientMessageId)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(documentArb(schema, pools), callerArb()), { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), async (batch) => {
        tally.batches.inputs += 1;
        tally.batches.requests += batch.length;
        const logged = twinLog.length;
        const answers = await Promise.all(
          batch.map(async ([doc, callerName]) => {
            const body = JSON.stringify({ query: doc.query, variables: doc.variables, operationName: doc.operationName });
            return post(body, { 'content-type': 'application/json', ...(await (callers[callerName] as Identity).httpHeaders(body)) });
          }),
        );
        expect(answers.flatMap((answer, i) => appSyncAnswerProblems(answer).map((p) => `request ${i}: ${p}`))).toEqual([]);
        await expectTwinAnswers();
        expect(errorsSince(twinLog, logged)).toEqual([]);
      }),
      { seed: SEED, numRuns: BATCH_RUNS },
    );
    // Later properties compare against the table as it is now.
    table = await scanTable(db, twin.tableName);
  }, 180_000);
});

describe('after every generated input', () => {
  it('the twin still serves a member: a new room, a send, and the message read back', async () => {
    const created = await must('bob', 'mutation($n: String!) { createRoom(name: $n) { id } }', { n: 'after the properties' });
    const roomId = (created.createRoom as { id: string }).id;
    const key = randomUUID();
    const sent = await must('bob', 'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { id content } }', { r: roomId, c: 'still here', k: key });
    expect(sent).toEqual({ sendMessage: { id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/), content: 'still here' } });
    const read = await must('bob', 'query($r: ID!) { listMessages(roomId: $r) { items { id content } } }', { r: roomId });
    expect(read).toEqual({ listMessages: { items: [sent.sendMessage] } });
  });
});
