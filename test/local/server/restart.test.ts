// What the twin acknowledged survives a stop and a start on the same data directory: messages,
// rooms, users, the certificate and the local access key.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTwin, type Twin } from '../../../local/twin';
import { cognitoSignIn, graphqlRequest } from '../../e2e/support/raw-clients';

const sendMessage = 'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { id content } }';
const listMessages = 'query($r: ID!) { listMessages(roomId: $r) { items { id content } nextToken } }';

let dataDir: string;
let twin: Twin | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'twin-restart-'));
});

// Each test leaves its last twin running; stop it before the next test starts another on the
// same data directory (two DynamoDB Locals must never share one database file).
afterEach(async () => {
  await twin?.stop();
  twin = undefined;
}, 60000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function signInBob(t: Twin): Promise<string> {
  return (await cognitoSignIn(t.cognitoEndpoint, t.clientId, 'bob', 'Bob#Local1')).accessToken;
}

it('keeps acknowledged messages across a restart on the same data dir', async () => {
  twin = await startTwin({ dataDir, port: 0, outputsPath: null, logLevel: 'warn' });
  const first = { poolId: twin.userPoolId, accessKey: twin.accessKey.accessKeyId, ca: readFileSync(String(twin.caCertPath), 'utf8') };
  let token = await signInBob(twin);
  const room = await graphqlRequest(twin.graphqlUrl, token, 'mutation { createRoom(name: "durable") { id } }');
  expect(room.body.errors).toBeUndefined();
  const roomId = (room.body.data?.createRoom as { id: string }).id;
  const sent: Array<{ id: string; content: string }> = [];
  for (const content of ['one', 'two', 'three']) {
    const result = await graphqlRequest(twin.graphqlUrl, token, sendMessage, { r: roomId, c: content, k: `k-${content}` });
    expect(result.body.errors).toBeUndefined();
    sent.push(result.body.data?.sendMessage as { id: string; content: string });
  }
  // Stop right after the last acknowledgement: nothing acknowledged may be lost.
  await twin.stop();
  twin = undefined;

  twin = await startTwin({ dataDir, port: 0, outputsPath: null, logLevel: 'warn' });
  expect({ poolId: twin.userPoolId, accessKey: twin.accessKey.accessKeyId, ca: readFileSync(String(twin.caCertPath), 'utf8') }).toEqual(first);
  token = await signInBob(twin);
  const listed = await graphqlRequest(twin.graphqlUrl, token, listMessages, { r: roomId });
  expect(listed.body).toEqual({ data: { listMessages: { items: [...sent].reverse(), nextToken: null } } });
}, 120000);

it('a stop during a burst of writes loses none of those it acknowledged', async () => {
  twin = await startTwin({ dataDir, port: 0, outputsPath: null, logLevel: 'warn' });
  let token = await signInBob(twin);
  const room = await graphqlRequest(twin.graphqlUrl, token, 'mutation { createRoom(name: "burst") { id } }');
  expect(room.body.errors).toBeUndefined();
  const roomId = (room.body.data?.createRoom as { id: string }).id;
  const running = twin;
  let stopping: Promise<void> | undefined;
  const burst = Array.from({ length: 20 }, (_, i) =>
    graphqlRequest(running.graphqlUrl, token, sendMessage, { r: roomId, c: `burst ${i}`, k: `b-${i}` }).then(
      (result) => {
        // The first answer starts the stop while the others are still on their way.
        stopping ??= running.stop();
        return result.body.data?.sendMessage as { id: string; content: string } | undefined;
      },
      () => undefined,
    ),
  );
  const acknowledged = (await Promise.all(burst)).filter((m): m is { id: string; content: string } => m !== undefined);
  await stopping;
  twin = undefined;
  expect(acknowledged.length).toBeGreaterThan(0);

  twin = await startTwin({ dataDir, port: 0, outputsPath: null, logLevel: 'warn' });
  token = await signInBob(twin);
  const listed = await graphqlRequest(twin.graphqlUrl, token, listMessages, { r: roomId });
  const stored = (listed.body.data?.listMessages as { items: Array<{ id: string; content: string }> }).items;
  expect(stored).toEqual(expect.arrayContaining(acknowledged));
}, 120000);
