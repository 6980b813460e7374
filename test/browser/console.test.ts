/**
 * The query console (/console) in real Chromium against the real twin: GraphiQL with the API's
 * schema, a query and a live subscription as a user-pool user, an IAM-signed query of an
 * @aws_iam field, AppSync's own answer for refused calls, and the auth panel by keyboard.
 */
import type { Browser, Page } from 'playwright-core';
import { createLocalDynamoDBClient } from '../../local/dynamodb-local';
import { cognitoSignIn, graphqlRequest } from '../e2e/support/raw-clients';
import { scanTable } from '../e2e/support/table-snapshot';
import { launchChromium } from './browser';
import { startChatTwin, type ChatTwin } from './chat-twin';
import { logIn, openConsole, resultContaining, run, setOperation } from './console-page';
import { screenshot } from './pages';

const ALICE = { username: 'alice', password: 'Alice#Local1' };
const BOB = { username: 'bob', password: 'Bob#Local1' };
const CAROL = { username: 'carol', password: 'Carol#Local1' };

let chat: ChatTwin;
let browser: Browser;
let base: string;
/** A room alice created and bob joined, through the API directly (another client). */
let roomId: string;
let bobToken: string;
/** alice's sub, the user the twin's realtime layer records for her subscription. */
let aliceSub: string;

beforeAll(async () => {
  [chat, browser] = await Promise.all([startChatTwin(), launchChromium()]);
  base = chat.twin.url;
  const aliceToken = (await cognitoSignIn(chat.twin.cognitoEndpoint, chat.twin.clientId, ALICE.username, ALICE.password)).accessToken;
  aliceSub = (JSON.parse(Buffer.from(aliceToken.split('.')[1], 'base64url').toString('utf8')) as { sub: string }).sub;
  bobToken = (await cognitoSignIn(chat.twin.cognitoEndpoint, chat.twin.clientId, BOB.username, BOB.password)).accessToken;
  const created = await graphqlRequest(chat.twin.graphqlUrl, aliceToken, 'mutation { createRoom(name: "Console room") { id } }');
  roomId = (created.body.data?.createRoom as { id: string }).id;
  const joined = await graphqlRequest(chat.twin.graphqlUrl, bobToken, 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }', { r: roomId });
  expect(joined.body.errors).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await chat?.stop();
});

let sends = 0;
async function send(token: string, content: string): Promise<void> {
  sends += 1;
  const sent = await graphqlRequest(
    chat.twin.graphqlUrl,
    token,
    'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { roomId id senderId sender content createdAt editedAt deleted } }',
    { r: roomId, c: content, k: `console-test-${sends}` },
  );
  expect(sent.body.errors).toBeUndefined();
}

/** Resolves when the twin acknowledges the next realtime subscription to `fieldName`. */
function nextSubscription(fieldName: string): Promise<{ fieldName: string; userKey: string | null }> {
  return new Promise((resolve) => {
    const listener = (event: { fieldName: string; userKey: string | null }) => {
      if (event.fieldName !== fieldName) return;
      chat.twin.events.off('subscriptionStarted', listener);
      resolve(event);
    };
    chat.twin.events.on('subscriptionStarted', listener);
  });
}

async function chooseIam(page: Page): Promise<void> {
  await page.getByLabel('Authorization mode').selectOption({ label: 'AWS Identity and Access Management (IAM)' });
}

describe('the query console', () => {
  let consoleBytes = 0;

  afterAll(() => {
    // The figure the report quotes: what a first visit to /console downloads.
    process.stdout.write(`console page: ${Math.round(consoleBytes / 1024)} KiB downloaded on first visit\n`);
  });

  it('runs a query from the examples and a subscription whose events stream in, as a signed-in user', async () => {
    const opened = await openConsole(browser, base);
    const { page } = opened;
    await logIn(page, ALICE.username, ALICE.password);

    // The project's MyRooms operation, opened from the Examples plugin, answers with the room.
    await page.getByRole('button', { name: 'Show Examples' }).click();
    await page.getByRole('region', { name: 'Queries' }).getByRole('button', { name: 'MyRooms' }).click();
    await run(page);
    const rooms = await resultContaining(page, 'Console room');
    expect(rooms).toEqual({ data: { myRooms: [expect.objectContaining({ id: roomId, name: 'Console room' })] } });

    // A subscription goes live over the realtime protocol as alice (her sub is the userKey).
    await setOperation(page, 'subscription Watch($roomId: ID!) { onNewMessage(roomId: $roomId) { id sender content } }', { roomId });
    const started = nextSubscription('onNewMessage');
    await run(page);
    await expect(started).resolves.toMatchObject({ fieldName: 'onNewMessage', userKey: aliceSub });
    await resultContaining(page, 'start_ack');

    // Bob sends from another client: each message replaces the last in the result pane.
    await send(bobToken, 'first from bob');
    const first = await resultContaining(page, 'first from bob');
    expect(first).toEqual({ data: { onNewMessage: { id: expect.any(String), sender: 'bob', content: 'first from bob' } } });
    await send(bobToken, 'second from bob');
    await resultContaining(page, 'second from bob');
    // Still running: the execute button is GraphiQL's stop button until the stream ends.
    await page.getByRole('button', { name: /^Stop query/ }).waitFor();
    await screenshot(page, 'console');
    consoleBytes = opened.bytesLoaded();
    await page.context().close();
  });

  it('signs an @aws_iam query (getRoom) with the twin\'s local IAM key', async () => {
    const { page } = await openConsole(browser, base);
    await chooseIam(page);
    await expect(page.getByLabel('Access key ID').inputValue()).resolves.toBe(chat.twin.accessKey.accessKeyId);
    await expect(page.getByLabel('Secret access key').inputValue()).resolves.toBe(chat.twin.accessKey.secretAccessKey);
    await setOperation(page, 'query Room($roomId: ID!) { getRoom(roomId: $roomId) { id name } }', { roomId });
    await run(page);
    await expect(resultContaining(page, 'Console room')).resolves.toEqual({ data: { getRoom: { id: roomId, name: 'Console room' } } });
    await page.context().close();
  });

  // AppSync's answers (reference §1.3, §2.2): a group or mode the field does not allow is a 200
  // with errorType Unauthorized; no token is a 401 UnauthorizedException; a bad signature 403.
  it.each([
    {
      name: 'IAM calling a user-pool-only mutation',
      as: 'iam' as const,
      query: 'mutation { createRoom(name: "Refused room") { id } }',
      expected: { data: null, errors: [expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access createRoom on type Mutation' })] },
    },
    {
      name: 'a user in neither group',
      as: CAROL,
      query: 'mutation { createRoom(name: "Refused room") { id } }',
      expected: { data: null, errors: [expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access createRoom on type Mutation' })] },
    },
    {
      name: 'nobody logged in',
      as: 'nobody' as const,
      query: 'mutation { createRoom(name: "Refused room") { id } }',
      expected: { errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] },
    },
    {
      name: 'IAM with a wrong secret key',
      as: 'bad-iam' as const,
      query: 'mutation { createRoom(name: "Refused room") { id } }',
      expected: { errors: [expect.objectContaining({ errorType: 'InvalidSignatureException' })] },
    },
    {
      name: 'an IAM subscription to a user-pool-only field',
      as: 'iam' as const,
      query: 'subscription { onNewMessage(roomId: "ROOM") { id } }',
      expected: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onNewMessage on type Subscription' }] },
    },
  ])('shows AppSync\'s own error when the call is refused: $name, and nothing changes', async ({ as, query, expected }) => {
    const client = createLocalDynamoDBClient(chat.twin.dynamodbEndpoint);
    const before = await scanTable(client, chat.twin.tableName);
    const { page } = await openConsole(browser, base);
    if (as === 'iam' || as === 'bad-iam') await chooseIam(page);
    if (as === 'bad-iam') await page.getByLabel('Secret access key').fill('not-the-twin-secret-key-0000000000000000');
    if (typeof as === 'object') await logIn(page, as.username, as.password);
    await setOperation(page, query.replace('ROOM', roomId));
    await run(page);
    await expect(resultContaining(page, '"errors"')).resolves.toEqual(expected);
    await expect(scanTable(client, chat.twin.tableName)).resolves.toEqual(before);
    client.destroy();
    await page.context().close();
  });

  it('works from the keyboard: mode, user name and password by Tab, Enter logs in', async () => {
    const { page } = await openConsole(browser, base);
    const focused = () => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');
    await page.keyboard.press('Tab'); // the header's "Chat page" link
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('console-auth-mode');
    // Arrow keys change the mode: IAM shows the key fields, back to the user pool shows the login.
    await page.keyboard.press('ArrowDown');
    await page.getByLabel('Access key ID').waitFor();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('console-username');
    await page.keyboard.type(BOB.username);
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('console-password');
    await page.keyboard.type(BOB.password);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Logged in as bob' }).waitFor();
    // Next in order: the token choice, then Log out, which Enter activates.
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('console-token-use');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Log in', exact: true }).waitFor();
    await page.context().close();
  });
});
