// Admission control on a real twin (in memory, DynamoDB Local): with 2 operations at once and a
// queue of 5, a flood of sendMessage gets some 429 TooManyRequestsException answers; every
// message answered 200 is stored exactly once, none answered 429 is stored, a 429'd message sent
// again with its clientMessageId is stored once, and the twin answers normally afterwards.
import type { Twin } from '../../../local/twin';
import { startTestTwin } from '../../support/test-twin';
import { RETRY_AFTER_SECONDS } from '../../../local/server/limits';
import { cognitoSignIn, graphqlRequest } from '../../e2e/support/raw-clients';

const SEND = 'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { id content } }';
const LIST = 'query($r: ID!, $t: String) { listMessages(roomId: $r, limit: 100, nextToken: $t) { items { content } nextToken } }';
const FLOOD = 120;

let twin: Twin;
let token = '';
let roomId = '';

beforeAll(async () => {
  twin = await startTestTwin({
    dataDir: null,
    port: 0,
    outputsPath: null,
    logLevel: 'warn',
    admissionLimits: { maxConcurrentOperations: 2, maxQueuedOperations: 5, maxQueueWaitMs: 2000 },
  });
  token = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'bob', 'Bob#Local1')).accessToken;
  const created = await graphqlRequest(twin.graphqlUrl, token, 'mutation { createRoom(name: "flood") { id } }');
  roomId = (created.body.data?.createRoom as { id: string }).id;
}, 60000);

afterAll(async () => {
  await twin?.stop();
}, 60000);

/** Every message content in the room, oldest page first. */
async function storedContents(): Promise<string[]> {
  const contents: string[] = [];
  let nextToken: string | null = null;
  do {
    const page = await graphqlRequest(twin.graphqlUrl, token, LIST, { r: roomId, t: nextToken });
    expect({ status: page.status, errors: page.body.errors }).toEqual({ status: 200, errors: undefined });
    const listed = page.body.data?.listMessages as { items: Array<{ content: string }>; nextToken: string | null };
    contents.push(...listed.items.map((m) => m.content));
    nextToken = listed.nextToken;
  } while (nextToken);
  return contents;
}

const send = (key: string) => graphqlRequest(twin.graphqlUrl, token, SEND, { r: roomId, c: `content ${key}`, k: key });

describe('GraphQL admission control on a real twin', () => {
  it('refuses what does not fit with 429, stores every acknowledged message once and no refused one', async () => {
    const keys = Array.from({ length: FLOOD }, (_, i) => `flood-${i}`);
    const results = await Promise.all(keys.map(async (key) => ({ key, ...(await send(key)) })));

    const statuses = new Set(results.map((r) => r.status));
    expect([...statuses].sort()).toEqual([200, 429]);
    const refused = results.filter((r) => r.status === 429);
    const accepted = results.filter((r) => r.status === 200);
    for (const r of refused) {
      expect(r.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
      expect(r.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.body).toEqual({ errors: [{ errorType: 'TooManyRequestsException', message: expect.any(String) }] });
    }
    for (const r of accepted) expect(r.body).toEqual({ data: { sendMessage: { id: expect.any(String), content: `content ${r.key}` } } });

    const stored = await storedContents();
    const count = (content: string) => stored.filter((c) => c === content).length;
    expect(accepted.filter((r) => count(`content ${r.key}`) !== 1).map((r) => r.key)).toEqual([]);
    expect(refused.filter((r) => count(`content ${r.key}`) !== 0).map((r) => r.key)).toEqual([]);
    expect(stored).toHaveLength(accepted.length);

    // A client's retry of a refused send, same clientMessageId, is stored once.
    const retried = refused[0]?.key as string;
    expect((await send(retried)).status).toBe(200);
    expect((await send(retried)).status).toBe(200);
    const after = await storedContents();
    expect(after.filter((c) => c === `content ${retried}`)).toHaveLength(1);
    expect(after).toHaveLength(accepted.length + 1);
  }, 60000);

  it('answers normally once the flood is over, a request at a time and a queue-full of them', async () => {
    expect((await graphqlRequest(twin.graphqlUrl, token, 'query { myRooms { id } }')).status).toBe(200);
    // 2 running + 5 queued fit: none of them is refused.
    const within = await Promise.all(Array.from({ length: 7 }, (_, i) => send(`after-${i}`)));
    expect(within.map((r) => r.status)).toEqual(Array.from({ length: 7 }, () => 200));
  }, 60000);
});
