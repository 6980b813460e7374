/**
 * The chat page in real Chromium against the real twin: two users in two browser contexts, live
 * messages, edits and deletes, keyboard-only use, pending sends with retry, history paging and
 * the plain messages for refused requests.
 */
import { once } from 'node:events';
import type { Browser, Page } from 'playwright-core';
import { createLocalDynamoDBClient } from '../../local/dynamodb-local';
import { cognitoSignIn, graphqlRequest } from '../e2e/support/raw-clients';
import { scanTable } from '../e2e/support/table-snapshot';
import { launchChromium } from './browser';
import { startChatTwin, type ChatTwin } from './chat-twin';
import { createRoom, messageTexts, screenshot, signedInPage, waitLive } from './pages';

const ALICE = { username: 'alice', password: 'Alice#Local1' };
const BOB = { username: 'bob', password: 'Bob#Local1' };
const CAROL = { username: 'carol', password: 'Carol#Local1' };

let chat: ChatTwin;
let browser: Browser;
let base: string;

beforeAll(async () => {
  [chat, browser] = await Promise.all([startChatTwin(), launchChromium()]);
  base = chat.twin.url;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await chat?.stop();
});

/** Resolves when the twin acknowledges the next realtime subscription to `fieldName`. */
function nextSubscription(fieldName: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: { fieldName: string }) => {
      if (event.fieldName !== fieldName) return;
      chat.twin.events.off('subscriptionStarted', listener);
      resolve();
    };
    chat.twin.events.on('subscriptionStarted', listener);
  });
}

async function tokenOf(user: { username: string; password: string }): Promise<string> {
  return (await cognitoSignIn(chat.twin.cognitoEndpoint, chat.twin.clientId, user.username, user.password)).accessToken;
}

async function sendDirect(token: string, roomId: string, content: string): Promise<void> {
  const result = await graphqlRequest(
    chat.twin.graphqlUrl,
    token,
    'mutation($roomId: ID!, $content: String!, $c: String!) { sendMessage(roomId: $roomId, content: $content, clientMessageId: $c) { id } }',
    { roomId, content, c: `direct-${Math.random().toString(36).slice(2)}` },
  );
  expect(result.body.errors).toBeUndefined();
}

async function close(...pages: Page[]): Promise<void> {
  await Promise.all(pages.map((page) => page.context().close()));
}

describe('the chat page', () => {
  it('lets two members chat live: join by link, send with Enter, edit and delete reach the other side', async () => {
    const alice = await signedInPage(browser, base, ALICE.username, ALICE.password);
    const roomId = await createRoom(alice, 'Team room');

    // Bob opens the shared link before joining: refused with the reason, and offered a join.
    const bob = await signedInPage(browser, base, BOB.username, BOB.password, `#/rooms/${roomId}`);
    await expect(bob.getByRole('alert').first().innerText()).resolves.toContain('This room cannot be opened: not a member of this room.');
    const bobSubscribed = nextSubscription('onNewMessage');
    await bob.getByRole('button', { name: 'Join this room' }).click();
    await bob.getByRole('heading', { name: 'Team room', level: 2 }).waitFor();
    await bobSubscribed;
    await waitLive(bob);

    // Alice types with the keyboard only: Shift+Enter is a new line, Enter sends.
    const composer = alice.getByLabel('Message Team room');
    await composer.focus();
    await alice.keyboard.type('Hello Bob');
    await alice.keyboard.press('Shift+Enter');
    await alice.keyboard.type('second line');
    const sentAt = Date.now();
    await alice.keyboard.press('Enter');
    await expect(composer.inputValue()).resolves.toBe('');
    await bob.locator('.message .content', { hasText: 'second line' }).waitFor({ timeout: 1000 });
    expect(Date.now() - sentAt).toBeLessThan(1000);
    await expect(messageTexts(bob)).resolves.toEqual(['Hello Bob\nsecond line']);
    // Shown once on alice's side though both the mutation answer and the subscription bring it.
    await alice.locator('.message:not(.pending)').first().waitFor();
    await expect(messageTexts(alice)).resolves.toEqual(['Hello Bob\nsecond line']);

    // Bob edits his own message; alice sees the edit live.
    await bob.getByLabel('Message Team room').fill('Hi Alice');
    await bob.getByRole('button', { name: 'Send' }).click();
    await alice.locator('.message .content', { hasText: 'Hi Alice' }).waitFor();
    const bobMessage = bob.locator('.message.own:not(.pending)', { hasText: 'Hi Alice' });
    await bobMessage.getByRole('button', { name: 'Edit' }).click();
    await bob.getByLabel('Edit message').fill('Hi Alice, edited');
    await bob.keyboard.press('Enter');
    const aliceView = alice.locator('.message', { hasText: 'Hi Alice, edited' });
    await aliceView.waitFor();
    await expect(aliceView.locator('.tag').innerText()).resolves.toBe('edited');

    // Bob deletes it; alice sees "Message deleted".
    await bob.locator('.message.own', { hasText: 'Hi Alice, edited' }).getByRole('button', { name: 'Delete' }).click();
    await alice.locator('.message.deleted .content', { hasText: 'Message deleted' }).waitFor();
    await screenshot(alice, 'chat');

    // A reload keeps the history (and the session).
    await bob.reload();
    await bob.locator('.message .content', { hasText: 'second line' }).waitFor();
    await expect(messageTexts(bob)).resolves.toEqual(['Hello Bob\nsecond line', 'Message deleted']);
    await close(alice, bob);
  });

  it('is usable with the keyboard alone: sign in, create a room, send, in tab order', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('User name').focus();
    await page.keyboard.type(BOB.username);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('password');
    await page.keyboard.type(BOB.password);
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as bob').waitFor();

    await page.getByLabel('New room').focus();
    await page.keyboard.type('Keyboard room');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Keyboard room', level: 2 }).waitFor();
    await page.getByLabel('Message Keyboard room').focus();
    await page.keyboard.type('typed, not clicked');
    // From the message box, Tab reaches Send; Space presses it.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Send');
    await page.keyboard.press('Space');
    await page.locator('.message:not(.pending) .content', { hasText: 'typed, not clicked' }).waitFor();
    await context.close();
  });

  it('shows a failed send as "not sent"; retry reuses its clientMessageId and one message is stored', async () => {
    const alice = await signedInPage(browser, base, ALICE.username, ALICE.password);
    const roomId = await createRoom(alice, 'Retry room');
    // Every attempt (Amplify retries on its own) reaches the API, which stores the message, but
    // the answers are lost on the way back, until the connection "recovers".
    let failing = true;
    await alice.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!failing || !body.includes('SendMessage')) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await alice.getByLabel('Message Retry room').fill('only once');
    await alice.keyboard.press('Enter');
    const pending = alice.locator('.message.pending.failed');
    await pending.waitFor();
    await expect(pending.innerText()).resolves.toContain('not sent');
    failing = false;
    await pending.getByRole('button', { name: 'Retry' }).click();
    // The retry settles the pending entry into the stored message, shown once.
    await alice.locator('.message.pending').waitFor({ state: 'detached' });
    await expect(messageTexts(alice)).resolves.toEqual(['only once']);

    const stored = await graphqlRequest(chat.twin.graphqlUrl, await tokenOf(ALICE), 'query($r: ID!) { listMessages(roomId: $r) { items { content } } }', { r: roomId });
    expect(stored.body.data).toEqual({ listMessages: { items: [{ content: 'only once' }] } });
    await close(alice);
  });

  it('pages back through history with "load older", newest at the bottom', async () => {
    const alice = await signedInPage(browser, base, ALICE.username, ALICE.password);
    const roomId = await createRoom(alice, 'Long room');
    const token = await tokenOf(ALICE);
    // 70 messages: more than two pages of 30.
    for (let i = 1; i <= 70; i += 1) await sendDirect(token, roomId, `message ${i}`);
    await alice.reload();
    await alice.locator('.message .content', { hasText: 'message 70' }).waitFor();
    await expect(messageTexts(alice)).resolves.toEqual(Array.from({ length: 30 }, (_, i) => `message ${i + 41}`));
    for (const oldest of ['message 11', 'message 1']) {
      await alice.getByRole('button', { name: 'Load older messages' }).click();
      await alice.locator('.message .content', { hasText: new RegExp(`^${oldest}$`) }).waitFor();
    }
    await expect(messageTexts(alice)).resolves.toEqual(Array.from({ length: 70 }, (_, i) => `message ${i + 1}`));
    await expect(alice.getByRole('button', { name: 'Load older messages' }).count()).resolves.toBe(0);
    await close(alice);
  });

  describe('refused requests get a plain message and change nothing', () => {
    let roomId: string;
    beforeAll(async () => {
      const token = await tokenOf(ALICE);
      const created = await graphqlRequest(chat.twin.graphqlUrl, token, 'mutation { createRoom(name: "Private") { id } }');
      roomId = (created.body.data as { createRoom: { id: string } }).createRoom.id;
      await sendDirect(token, roomId, 'members only');
    });

    it.each([
      { case: 'a member of no room opens a room link', user: BOB, hash: () => `#/rooms/${roomId}`, shown: 'This room cannot be opened: not a member of this room.', join: true },
      { case: 'a user in no group opens a room link', user: CAROL, hash: () => `#/rooms/${roomId}`, shown: 'This room cannot be opened: your account is in neither the Members nor the Admins group.', join: false },
      { case: 'an unknown room id', user: BOB, hash: () => '#/rooms/01J00000000000000000000000', shown: 'This room cannot be opened: that room or message does not exist.', join: false },
      { case: 'a malformed room id', user: BOB, hash: () => '#/rooms/not-a-room', shown: 'This room cannot be opened: ', join: false },
    ])('$case', async ({ user, hash, shown, join }) => {
      const dynamodb = createLocalDynamoDBClient(chat.twin.dynamodbEndpoint);
      const before = await scanTable(dynamodb, chat.twin.tableName);
      const page = await signedInPage(browser, base, user.username, user.password, hash());
      const alert = page.locator('.main [role="alert"]');
      await alert.waitFor();
      await expect(alert.locator('.error').innerText()).resolves.toContain(shown);
      await expect(page.getByRole('button', { name: 'Join this room' }).count()).resolves.toBe(join ? 1 : 0);
      await expect(page.locator('.messages').count()).resolves.toBe(0);
      expect(await scanTable(dynamodb, chat.twin.tableName)).toEqual(before);
      dynamodb.destroy();
      await close(page);
    });

    it('a wrong password is refused at sign-in', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.getByLabel('User name').fill(BOB.username);
      await page.getByLabel('Password').fill('wrong#Password1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').innerText()).resolves.toBe('Wrong user name or password.');
      await context.close();
    });
  });
});

// Keeps the import used when the suite grows a restart case in this file.
void once;
