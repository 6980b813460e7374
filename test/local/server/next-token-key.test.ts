// nextTokens on a real twin: signed with a random key kept in the data directory, so a token
// survives a restart on the same directory, a twin on another directory refuses it, and no
// forged or edited token gets anything but the ValidationError of listMessages (never
// DynamoDB:SyntaxError), with the table unchanged.
import { createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Twin } from '../../../local/twin';
import { startTestTwin } from '../../support/test-twin';
import { createLocalDynamoDBClient } from '../../../local/dynamodb-local';
import { cognitoSignIn, graphqlRequest } from '../../e2e/support/raw-clients';
import { scanTable } from '../../e2e/support/table-snapshot';

const sendMessage = 'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { id content } }';
const listMessages = 'query($r: ID!, $n: String) { listMessages(roomId: $r, limit: 1, nextToken: $n) { items { id content } nextToken } }';
// The contract's answer to a nextToken that is not one of this query's (resolvers/functions/queryMessages.ts).
const refused = { errorType: 'ValidationError', message: 'nextToken is not a token of this room’s messages', path: ['listMessages'] };
/** The key every twin used before keys were random (in the source, so anyone could sign with it). */
const OLD_CONSTANT_KEY = 'appsync-chat local twin pagination token';

let dataDir: string;
let otherDataDir: string;
let twin: Twin | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'twin-token-key-'));
  otherDataDir = mkdtempSync(join(tmpdir(), 'twin-token-key-other-'));
});

afterAll(async () => {
  await twin?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(otherDataDir, { recursive: true, force: true });
}, 60000);

async function start(dir: string): Promise<{ twin: Twin; token: string }> {
  const started = await startTestTwin({ dataDir: dir, port: 0, outputsPath: null, logLevel: 'warn' });
  twin = started;
  return { twin: started, token: (await cognitoSignIn(started.cognitoEndpoint, started.clientId, 'bob', 'Bob#Local1')).accessToken };
}

async function stop(): Promise<void> {
  await twin?.stop();
  twin = undefined;
}

async function list(t: Twin, token: string, roomId: string, nextToken?: string) {
  return graphqlRequest(t.graphqlUrl, token, listMessages, { r: roomId, ...(nextToken !== undefined && { n: nextToken }) });
}

/** A token with this payload text, signed as the twin signs a Query on the table. */
function signed(payloadText: string, key: Buffer | string, tableName: string): string {
  const payload = Buffer.from(payloadText).toString('base64url');
  const signature = createHmac('sha256', key).update(JSON.stringify(['Query', tableName, null, payload])).digest('base64url');
  return `v1.${payload}.${signature}`;
}

function flipLastChar(text: string): string {
  return text.slice(0, -1) + (text.endsWith('A') ? 'B' : 'A');
}

describe('nextToken key per data directory', () => {
  let roomId: string;
  let firstPage: { items: Array<{ id: string; content: string }>; nextToken: string };
  let secondPage: { items: Array<{ id: string; content: string }>; nextToken: string | null };
  let otherRoomToken: string;

  it('writes a 32-byte key file, mode 0600, and hands out tokens signed with it', async () => {
    const { twin: t, token } = await start(dataDir);
    const keyFile = join(dataDir, 'next-token.key');
    expect(readFileSync(keyFile)).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const createdRooms: string[] = [];
    for (const name of ['paged', 'other']) {
      const created = await graphqlRequest(t.graphqlUrl, token, `mutation { createRoom(name: "${name}") { id } }`);
      createdRooms.push((created.body.data?.createRoom as { id: string }).id);
    }
    [roomId] = createdRooms;
    for (const [room, contents] of [[createdRooms[0], ['one', 'two', 'three']], [createdRooms[1], ['x', 'y']]] as const) {
      for (const content of contents) {
        const sent = await graphqlRequest(t.graphqlUrl, token, sendMessage, { r: room, c: content, k: `k-${room}-${content}` });
        expect(sent.body.errors).toBeUndefined();
      }
    }
    const page = await list(t, token, roomId);
    firstPage = page.body.data?.listMessages as typeof firstPage;
    expect(firstPage.items.map((m) => m.content)).toEqual(['three']);
    expect(typeof firstPage.nextToken).toBe('string');
    const next = await list(t, token, roomId, firstPage.nextToken);
    expect(next.body.errors).toBeUndefined();
    secondPage = next.body.data?.listMessages as typeof secondPage;
    expect(secondPage.items.map((m) => m.content)).toEqual(['two']);
    otherRoomToken = ((await list(t, token, createdRooms[1])).body.data?.listMessages as { nextToken: string }).nextToken;
  }, 120000);

  describe('a forged or edited token', () => {
    const cases: Array<[string, () => string]> = [
      ['an edited signature', () => flipLastChar(firstPage.nextToken)],
      ['an edited payload', () => firstPage.nextToken.replace(/^v1\.(.)/, (_all, c: string) => `v1.${c === 'e' ? 'f' : 'e'}`)],
      ['the payload signed with the old constant key', () => signed(Buffer.from(firstPage.nextToken.split('.')[1], 'base64url').toString('utf8'), OLD_CONSTANT_KEY, 'ChatTable')],
      // Under the constant key this reached JSON.parse and came back as DynamoDB:SyntaxError.
      ['a non-JSON payload signed with the old constant key', () => signed('{"k":', OLD_CONSTANT_KEY, 'ChatTable')],
      ['an empty key signed with the old constant key', () => 'v1.eyJrIjp7fX0.forged'],
      ['a token of another room', () => otherRoomToken],
      ['a token with a fourth part', () => `${firstPage.nextToken}.x`],
      ['another version', () => firstPage.nextToken.replace(/^v1\./, 'v2.')],
      ['plain text', () => 'not a token'],
      // With the key itself (read from the data directory): the payload is still checked.
      ['a non-JSON payload signed with the real key', () => signed('{"k":', readFileSync(join(dataDir, 'next-token.key')), 'ChatTable')],
      ['an empty key signed with the real key', () => signed('{"k":{}}', readFileSync(join(dataDir, 'next-token.key')), 'ChatTable')],
      ['a BOOL key signed with the real key', () => signed('{"k":{"PK":{"BOOL":true}}}', readFileSync(join(dataDir, 'next-token.key')), 'ChatTable')],
      ['a key of another shape signed with the real key', () => signed('{"k":{"id":{"S":"x"}}}', readFileSync(join(dataDir, 'next-token.key')), 'ChatTable')],
    ];

    it.each(cases)('%s gets ValidationError and changes nothing', async (_name, makeToken) => {
      const t = twin as Twin;
      const token = (await cognitoSignIn(t.cognitoEndpoint, t.clientId, 'bob', 'Bob#Local1')).accessToken;
      const client = createLocalDynamoDBClient(t.dynamodbEndpoint);
      try {
        const before = await scanTable(client, t.tableName);
        const answer = await list(t, token, roomId, makeToken());
        expect(answer.status).toBe(200);
        expect(answer.body.data).toBeNull(); // listMessages is non-null in the schema
        expect(answer.body.errors?.map(({ errorType, message, path }) => ({ errorType, message, path }))).toEqual([refused]);
        expect(await scanTable(client, t.tableName)).toEqual(before);
      } finally {
        client.destroy();
      }
    }, 30000);
  });

  it('a twin on another data directory refuses the token, even with the same data', async () => {
    const ownKey = readFileSync(join(dataDir, 'next-token.key'));
    await stop();
    // Everything but the key: the same rooms and messages, so only the key can refuse it.
    cpSync(dataDir, otherDataDir, { recursive: true, filter: (source) => !source.endsWith('next-token.key') });
    const { twin: t, token } = await start(otherDataDir);
    expect(readFileSync(join(otherDataDir, 'next-token.key')).equals(ownKey)).toBe(false);
    const answer = await list(t, token, roomId, firstPage.nextToken);
    expect(answer.body.data).toBeNull(); // listMessages is non-null in the schema
    expect(answer.body.errors?.map(({ errorType, message, path }) => ({ errorType, message, path }))).toEqual([refused]);
    // The data is there: a first page still works.
    expect(((await list(t, token, roomId)).body.data?.listMessages as typeof firstPage).items).toEqual(firstPage.items);
    await stop();
  }, 120000);

  it('the token is still valid after a restart on the same data directory', async () => {
    const { twin: t, token } = await start(dataDir);
    const answer = await list(t, token, roomId, firstPage.nextToken);
    expect(answer.body).toEqual({ data: { listMessages: secondPage } });
    await stop();
  }, 120000);
});

describe('nextToken key in memory', () => {
  it('two in-memory twins sign with different keys', async () => {
    const tokens: string[] = [];
    const twins: Twin[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const t = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
        twins.push(t);
        const token = (await cognitoSignIn(t.cognitoEndpoint, t.clientId, 'bob', 'Bob#Local1')).accessToken;
        // Same table, same key shape: the signatures differ only by the key.
        const created = await graphqlRequest(t.graphqlUrl, token, 'mutation { createRoom(name: "mem") { id } }');
        const room = (created.body.data?.createRoom as { id: string }).id;
        for (const content of ['a', 'b']) await graphqlRequest(t.graphqlUrl, token, sendMessage, { r: room, c: content, k: content });
        tokens.push(((await list(t, token, room)).body.data?.listMessages as { nextToken: string }).nextToken);
      }
    } finally {
      for (const t of twins) await t.stop();
    }
    expect(tokens.map((token) => token.split('.')[2])).toHaveLength(2);
    expect(tokens[0].split('.')[2]).not.toBe(tokens[1].split('.')[2]);
  }, 120000);
});
