// DynamoDB Local faults on a real twin: its JVM killed (SIGKILL) or frozen (SIGSTOP) under the
// twin. Every data-source call is bounded (DATA_SOURCE_LIMITS.dynamodbCallTimeoutMs), answered
// with DynamoDB's 503 as a GraphQL error, an outage is logged once however many calls fail, a
// dead JVM is restarted on the same data directory, and a frozen one works again after SIGCONT.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_SOURCE_LIMITS } from '../../../local/datasources';
import type { SupervisedDynamoDBLocal } from '../../../local/dynamodb-local';
import { startTwin, type Twin } from '../../../local/twin';
import { cognitoSignIn, graphqlRequest, type GraphQLHttpResult } from '../../e2e/support/raw-clients';
import { LogLines } from './log-lines';

const sendMessage = 'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { id content } }';
const listMessages = 'query($r: ID!) { listMessages(roomId: $r) { items { content } } }';
const getRoom = 'query($r: ID!) { getRoom(roomId: $r) { name } }';
/** DynamoDB's 503 (API reference, "Error handling") in AppSync's "(Service: ...)" form, passed on by the resolver. */
const unavailable = {
  errorType: 'DynamoDB:ServiceUnavailable',
  message:
    'DynamoDB is currently unavailable. (This should be a temporary state.) (Service: AmazonDynamoDBv2; Status Code: 503; Error Code: ServiceUnavailable; Request ID: null; Proxy: null)',
};
/** How far past the bound a timed-out answer may come on a shared 2-core machine. */
const SLACK_MS = 2_000;

const seenJvmPids = new Set<number>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function jvmPid(twin: Twin): number {
  const pid = (twin.dynamodbLocal as SupervisedDynamoDBLocal).jvmPid;
  if (pid === null) throw new Error('no DynamoDB Local JVM is running');
  seenJvmPids.add(pid);
  return pid;
}

function errorsOf(answer: GraphQLHttpResult) {
  return answer.body.errors?.map(({ errorType, message }) => ({ errorType, message }));
}

async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

async function startWithLog(dataDir: string | null): Promise<{ twin: Twin; logs: LogLines; token: string; roomId: string }> {
  const logs = new LogLines();
  const twin = await startTwin({ dataDir, port: 0, outputsPath: null, logger: logs.logger });
  jvmPid(twin);
  const token = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'bob', 'Bob#Local1')).accessToken;
  const created = await graphqlRequest(twin.graphqlUrl, token, 'mutation { createRoom(name: "faults") { id } }');
  const roomId = (created.body.data?.createRoom as { id: string }).id;
  expect((await graphqlRequest(twin.graphqlUrl, token, sendMessage, { r: roomId, c: 'before', k: 'k-before' })).body.errors).toBeUndefined();
  return { twin, logs, token, roomId };
}

afterAll(() => {
  // Nothing this file started may outlive it: every JVM it saw has exited.
  expect([...seenJvmPids].filter(isAlive)).toEqual([]);
});

describe('DynamoDB Local faults, on a data directory', () => {
  let dataDir: string;
  let twin: Twin;
  let logs: LogLines;
  let token: string;
  let roomId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'twin-faults-'));
    ({ twin, logs, token, roomId } = await startWithLog(dataDir));
  }, 120000);

  afterAll(async () => {
    for (const pid of seenJvmPids) if (isAlive(pid)) process.kill(pid, 'SIGCONT');
    await twin?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60000);

  it('a killed JVM: calls fail fast with DynamoDB:ServiceUnavailable, then succeed on the restarted one, data kept', async () => {
    const supervised = twin.dynamodbLocal as SupervisedDynamoDBLocal;
    const from = logs.lines.length;
    const oldPid = jvmPid(twin);
    const restarted = once(supervised.events, 'restarted');
    process.kill(oldPid, 'SIGKILL');
    await logs.waitFor('dynamodb-local-exited', from);

    // While the JVM restarts (seconds), three calls: each answered at once, not after a timeout.
    // listMessages is non-null in the schema, so its error nulls data; getRoom is nullable.
    for (const [query, data] of [[listMessages, null], [getRoom, { getRoom: null }], [listMessages, null]] as const) {
      const { value: answer, ms } = await timed(() => graphqlRequest(twin.graphqlUrl, token, query, { r: roomId }));
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual(data);
      expect(errorsOf(answer)).toEqual([unavailable]);
      expect(ms).toBeLessThan(DATA_SOURCE_LIMITS.dynamodbCallTimeoutMs);
    }

    await restarted;
    expect(isAlive(oldPid)).toBe(false);
    const newPid = jvmPid(twin);
    expect(newPid).not.toBe(oldPid);
    const listed = await graphqlRequest(twin.graphqlUrl, token, listMessages, { r: roomId });
    expect(listed.body).toEqual({ data: { listMessages: { items: [{ content: 'before' }] } } });
    const sent = await graphqlRequest(twin.graphqlUrl, token, sendMessage, { r: roomId, c: 'after', k: 'k-after' });
    expect(sent.body.errors).toBeUndefined();

    // One outage: one line each for the exit, the restart, the first failed call and the recovery.
    const counts = ['dynamodb-local-exited', 'dynamodb-local-restarted', 'dynamodb-unavailable', 'dynamodb-recovered'].map((e) => logs.withEvent(e, from).length);
    expect(counts).toEqual([1, 1, 1, 1]);
    expect(logs.withEvent('dynamodb-local-exited', from)[0].msg).toBe(`DynamoDB Local exited unexpectedly; restarting it on the same data directory (${join(dataDir, 'dynamodb')})`);
    expect(logs.withEvent('dynamodb-recovered', from)[0]).toMatchObject({ failedCalls: 3 });
  }, 120000);

  it('a stopped JVM: calls fail at the call timeout; after SIGCONT they succeed again', async () => {
    const from = logs.lines.length;
    const pid = jvmPid(twin);
    process.kill(pid, 'SIGSTOP');
    let answers: Array<{ value: GraphQLHttpResult; ms: number }>;
    try {
      // Two at once: both bounded, and still one outage line.
      answers = await Promise.all([listMessages, getRoom].map((query) => timed(() => graphqlRequest(twin.graphqlUrl, token, query, { r: roomId }))));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    for (const { value: answer, ms } of answers) {
      expect(answer.status).toBe(200);
      expect(errorsOf(answer)).toEqual([unavailable]);
      expect(ms).toBeGreaterThanOrEqual(DATA_SOURCE_LIMITS.dynamodbCallTimeoutMs - 50);
      expect(ms).toBeLessThan(DATA_SOURCE_LIMITS.dynamodbCallTimeoutMs + SLACK_MS);
    }

    const listed = await graphqlRequest(twin.graphqlUrl, token, listMessages, { r: roomId });
    expect(listed.body).toEqual({ data: { listMessages: { items: [{ content: 'after' }, { content: 'before' }] } } });
    expect(jvmPid(twin)).toBe(pid); // the same JVM, not a restart
    const counts = ['dynamodb-local-exited', 'dynamodb-unavailable', 'dynamodb-recovered'].map((e) => logs.withEvent(e, from).length);
    expect(counts).toEqual([0, 1, 1]);
    expect(logs.withEvent('dynamodb-unavailable', from)[0]).toMatchObject({ reason: `no answer within ${DATA_SOURCE_LIMITS.dynamodbCallTimeoutMs} ms` });
  }, 120000);
});

describe('DynamoDB Local faults, in memory', () => {
  let twin: Twin | undefined;

  afterAll(async () => {
    await twin?.stop();
  }, 60000);

  it('a killed JVM restarts into an empty table, says so, and the twin works on it', async () => {
    const started = await startWithLog(null);
    twin = started.twin;
    const { logs, token, roomId } = started;
    const restarted = once((twin.dynamodbLocal as SupervisedDynamoDBLocal).events, 'restarted');
    process.kill(jvmPid(twin), 'SIGKILL');
    await restarted;

    expect(logs.withEvent('dynamodb-local-exited').map((line) => line.msg)).toEqual([
      'DynamoDB Local exited unexpectedly; restarting it in memory: it starts EMPTY, every room and message stored so far is gone',
    ]);
    const old = await graphqlRequest(twin.graphqlUrl, token, getRoom, { r: roomId });
    expect(errorsOf(old)).toEqual([{ errorType: 'NotFound', message: 'Room not found' }]);
    const created = await graphqlRequest(twin.graphqlUrl, token, 'mutation { createRoom(name: "fresh") { name } }');
    expect(created.body).toEqual({ data: { createRoom: { name: 'fresh' } } });
    jvmPid(twin);
  }, 120000);
});
