/**
 * The chat page in real Chromium against the real twin: two users in two browser contexts, live
 * messages, edits and deletes, keyboard-only use, pending sends with retry, history paging,
 * moderation by an Admin, leaving, an ended session, a phone-sized screen, the first visit with
 * an untrusted certificate, the plain messages for refused requests, and, last, a twin restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createLocalDynamoDBClient } from '../../local/dynamodb-local';
import { cognitoSignIn, graphqlRequest } from '../e2e/support/raw-clients';
import { scanTable } from '../e2e/support/table-snapshot';
import { launchChromium } from './browser';
import { startChatTwin, type ChatTwin } from './chat-twin';
import { createRoom, messageTexts, openRoomSettled, screenshot, signedInPage, waitConnection, waitLive } from './pages';

/** What the page says when a room stops answering a member (removed, or left elsewhere). */
const ACCESS_LOST = 'You are no longer a member of this room: an Admin removed you, or you left it in another window.';

const ALICE = { username: 'alice', password: 'Alice#Local1' };
const BOB = { username: 'bob', password: 'Bob#Local1' };
const CAROL = { username: 'carol', password: 'Carol#Local1' };

let chat: ChatTwin;
let browser: Browser;
let base: string;
/** On disk, so the last test can restart the twin on it. */
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chat-page-'));
  [chat, browser] = await Promise.all([startChatTwin({ dataDir }), launchChromium()]);
  base = chat.twin.url;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await chat?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

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
    // Every field the subscribers need: AppSync sends them only what the mutation selected.
    'mutation($roomId: ID!, $content: String!, $c: String!) { sendMessage(roomId: $roomId, content: $content, clientMessageId: $c) { roomId id senderId sender content createdAt editedAt deleted reactions { emoji count mine } } }',
    { roomId, content, c: `direct-${Math.random().toString(36).slice(2)}` },
  );
  expect(result.body.errors).toBeUndefined();
}

/** The room's stored messages, oldest first, as `user` (a member) reads them through the API. */
async function listStored(roomId: string, user = ALICE): Promise<Array<{ content: string; deleted: boolean }>> {
  const listed = await graphqlRequest(chat.twin.graphqlUrl, await tokenOf(user), 'query($r: ID!) { listMessages(roomId: $r) { items { content deleted } } }', { r: roomId });
  expect(listed.body.errors).toBeUndefined();
  return [...(listed.body.data as { listMessages: { items: Array<{ content: string; deleted: boolean }> } }).listMessages.items].reverse();
}

/** Bob opens a room link, is offered to join, joins, and is live in it. */
async function bobJoins(roomId: string): Promise<Page> {
  const bob = await signedInPage(browser, base, BOB.username, BOB.password, `#/rooms/${roomId}`);
  const subscribed = nextSubscription('onNewMessage');
  await bob.getByRole('button', { name: 'Join this room' }).click();
  await subscribed;
  await waitLive(bob);
  return bob;
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
    // Live means the subscription brought it: bob's page asks the API for nothing meanwhile.
    const bobAsked: string[] = [];
    const recordAsk = (request: { url(): string; postData(): string | null }) => {
      if (request.url().endsWith('/graphql')) bobAsked.push(request.postData() ?? '');
    };
    bob.on('request', recordAsk);
    await alice.keyboard.press('Enter');
    await expect(composer.inputValue()).resolves.toBe('');
    await bob.locator('.message .content', { hasText: 'second line' }).waitFor();
    bob.off('request', recordAsk);
    expect(bobAsked.filter((body) => body.includes('listMessages'))).toEqual([]);
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
    await bob.getByLabel('Message Team room').fill('Sorry, wrong room. See you at the stand-up!');
    await bob.keyboard.press('Enter');
    await alice.locator('.message .content', { hasText: 'See you at the stand-up' }).waitFor();
    await screenshot(alice, 'chat');
    // The browser trusts the twin here, so no certificate warning is shown.
    await expect(alice.locator('.tls-warning').count()).resolves.toBe(0);

    // A reload keeps the history (and the session).
    await bob.reload();
    await bob.locator('.message .content', { hasText: 'second line' }).waitFor();
    await expect(messageTexts(bob)).resolves.toEqual(['Hello Bob\nsecond line', 'Message deleted', 'Sorry, wrong room. See you at the stand-up!']);
    await close(alice, bob);
  });

  it('is usable with the keyboard alone: sign in, create a room, send, in tab order', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    context.setDefaultTimeout(10_000);
    await page.goto(`${base}/`);
    // The cursor starts in the user name.
    await page.getByLabel('User name').waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('username');
    await page.keyboard.type(BOB.username);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('password');
    await page.keyboard.type(BOB.password);
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as bob').waitFor();

    // Tab moves through the header and the room list to "New room", in reading order.
    const visited: string[] = [];
    for (let presses = 0; presses < 20 && visited.at(-1) !== 'new-room'; presses += 1) {
      await page.keyboard.press('Tab');
      visited.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || ''));
    }
    expect(visited.at(-1)).toBe('new-room');
    expect(visited.indexOf('Sign out')).toBeGreaterThanOrEqual(0);
    expect(visited.indexOf('Sign out')).toBeLessThan(visited.indexOf('new-room'));
    await page.keyboard.type('Keyboard room');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Keyboard room', level: 2 }).waitFor();
    // Opening the room puts the cursor in its message box.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('composer');
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

  it("lets an Admin delete a member's message and remove the member, who is told why and cannot join again", async () => {
    const alice = await signedInPage(browser, base, ALICE.username, ALICE.password);
    const roomId = await createRoom(alice, 'Moderated');
    const bob = await bobJoins(roomId);

    await bob.getByLabel('Message Moderated').fill('buy cheap watches');
    await bob.keyboard.press('Enter');
    const spam = alice.locator('.message', { hasText: 'buy cheap watches' });
    await spam.waitFor();
    // The live region reads out what others send.
    await expect(alice.locator('.room [role="status"][aria-live="polite"]').innerText()).resolves.toBe('bob: buy cheap watches');

    // An Admin may delete a message that is not theirs; the sender sees it go.
    await spam.getByRole('button', { name: 'Delete' }).click();
    await bob.locator('.message.deleted .content', { hasText: 'Message deleted' }).waitFor();

    await bob.getByLabel('Message Moderated').fill('still here');
    await bob.keyboard.press('Enter');
    const second = alice.locator('.message', { hasText: 'still here' });
    await second.waitFor();
    // Removing takes a second, explicit press.
    await second.getByRole('button', { name: 'Remove bob from room' }).click();
    await second.getByRole('button', { name: 'Yes, remove bob' }).click();
    await expect(alice.locator('.room .notice').innerText()).resolves.toContain('bob was removed from Moderated');

    // Bob's next send is refused: the page says why and drops the room from his list.
    await bob.getByLabel('Message Moderated').fill('am I still in?');
    await bob.keyboard.press('Enter');
    await expect(bob.locator('.main [role="alert"] .error').innerText()).resolves.toBe(ACCESS_LOST);
    await bob.locator('.sidebar .rooms a', { hasText: 'Moderated' }).waitFor({ state: 'detached' });
    await bob.getByRole('button', { name: 'Join this room' }).click();
    await expect(bob.locator('.sidebar .error').innerText()).resolves.toBe('Joining the room failed: removed from this room; an Admin must unban you before you can join again.');

    await expect(listStored(roomId)).resolves.toEqual([
      { content: expect.any(String), deleted: true },
      { content: 'still here', deleted: false },
    ]);
    await close(alice, bob);
  });

  it('lets a member leave: the room leaves My rooms and its link offers to join again', async () => {
    const alice = await signedInPage(browser, base, ALICE.username, ALICE.password);
    const roomId = await createRoom(alice, 'Short stay');
    const bob = await bobJoins(roomId);
    await expect(bob.locator('.sidebar .rooms').innerText()).resolves.toContain('Short stay');

    await bob.getByRole('button', { name: 'Leave' }).click();
    await bob.getByText('Pick a room, create one, or paste a room link to join.').waitFor();
    await bob.locator('.sidebar .rooms a', { hasText: 'Short stay' }).waitFor({ state: 'detached' });
    await bob.goto(`${base}/#/rooms/${roomId}`);
    await expect(bob.locator('.main [role="alert"] .error').innerText()).resolves.toBe('This room cannot be opened: not a member of this room.');
    await expect(bob.getByRole('button', { name: 'Join this room' }).count()).resolves.toBe(1);

    // Alice, still a member, keeps the room and can still post to it.
    await alice.getByLabel('Message Short stay').fill('bob left');
    await alice.keyboard.press('Enter');
    await alice.locator('.message:not(.pending) .content', { hasText: 'bob left' }).waitFor();
    await close(alice, bob);
  });

  it('fits a phone (390 px wide): nothing scrolls sideways, the message box and Send are on screen', async () => {
    const viewport = { width: 390, height: 844 };
    const alice = await signedInPage(browser, base, ALICE.username, ALICE.password, '', viewport);
    await createRoom(alice, 'Pocket room');
    await alice.getByLabel('Message Pocket room').fill('a long line that has to wrap on a narrow phone screen without pushing anything off to the side');
    await alice.keyboard.press('Enter');
    await alice.locator('.message:not(.pending)').waitFor();
    await expect(alice.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(viewport.width);
    for (const control of [alice.getByLabel('Message Pocket room'), alice.getByRole('button', { name: 'Send' }), alice.getByRole('button', { name: 'Sign out' })]) {
      const box = (await control.boundingBox()) ?? { x: -1, y: -1, width: 0, height: 0 };
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    }
    await screenshot(alice, 'chat-phone');
    // The room list folds away while a room is open; "Rooms" brings it back.
    await expect(alice.getByRole('navigation', { name: 'Rooms' }).isVisible()).resolves.toBe(false);
    await alice.getByRole('button', { name: 'Rooms' }).click();
    await alice.getByRole('link', { name: 'Pocket room' }).waitFor();
    await expect(alice.getByRole('button', { name: 'Rooms' }).getAttribute('aria-expanded')).resolves.toBe('true');
    await close(alice);
  });

  describe('the twin\'s certificate', () => {
    it('over http in a browser that does not trust it yet, the page says exactly what to do', async () => {
      const untrusting = await launchChromium({ trustTwin: false });
      try {
        const page = await untrusting.newPage();
        await page.goto(`${base}/`);
        const warning = page.locator('.tls-warning');
        await warning.waitFor();
        const text = await warning.innerText();
        const httpsUrl = `${chat.twin.httpsUrl}/`;
        expect(text).toContain("this browser does not trust the twin's certificate yet");
        expect(text).toContain(`open ${httpsUrl} and accept the warning once`);
        expect(text).toContain('.data/tls/ca.pem');
        await expect(warning.getByRole('link').getAttribute('href')).resolves.toBe(httpsUrl);
        await screenshot(page, 'chat-tls-warning');
      } finally {
        await untrusting.close();
      }
    });

    it('over https (the certificate accepted) the chat works, and the page calls nothing over plain http', async () => {
      const alice = await signedInPage(browser, chat.twin.httpsUrl, ALICE.username, ALICE.password);
      const urls: string[] = [];
      alice.on('request', (request) => urls.push(request.url()));
      alice.on('websocket', (socket) => urls.push(socket.url()));
      await createRoom(alice, 'Secure room');
      await alice.getByLabel('Message Secure room').fill('over TLS');
      await alice.keyboard.press('Enter');
      await alice.locator('.message:not(.pending) .content', { hasText: 'over TLS' }).waitFor();
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.filter((url) => !/^(https|wss):\/\//.test(url))).toEqual([]);
      await close(alice);
    });
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

    // The contract's bounds: content 1 to 2,000 characters, not only whitespace; a room has a name.
    it.each([
      {
        case: 'a message over 2,000 characters',
        act: async (page: Page) => {
          await page.getByLabel('Message Private').fill('x'.repeat(2001));
          await page.keyboard.press('Enter');
          return page.locator('.message.pending.failed .error-text');
        },
        shown: 'Not sent: content must be at most 2000 characters.',
      },
      {
        case: 'a room name of spaces only',
        act: async (page: Page) => {
          await page.getByLabel('New room').fill('   ');
          await page.getByRole('button', { name: 'Create' }).click();
          return page.locator('.sidebar .error');
        },
        shown: 'Creating the room failed: name must not be empty.',
      },
    ])('ValidationError: $case', async ({ act, shown }) => {
      // Entering the room writes (a heartbeat, markRead): the snapshot is taken after those.
      const page = await signedInPage(browser, base, ALICE.username, ALICE.password);
      await openRoomSettled(page, roomId);
      const dynamodb = createLocalDynamoDBClient(chat.twin.dynamodbEndpoint);
      // Typing in the message box sends a typing signal (its TYPING# record): not the refused request's doing.
      const withoutTyping = async () => Object.fromEntries(Object.entries(await scanTable(dynamodb, chat.twin.tableName)).filter(([key]) => !key.includes(' TYPING#')));
      const before = await withoutTyping();
      await expect((await act(page)).innerText()).resolves.toBe(shown);
      expect(await withoutTyping()).toEqual(before);
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

    // Last in the file: it signs bob out everywhere.
    it('a session signed out elsewhere returns to sign-in with the reason; the send is not stored', async () => {
      const bob = await signedInPage(browser, base, BOB.username, BOB.password);
      const roomId = await createRoom(bob, 'Session room');
      const accessToken = await bob.evaluate(() => Object.entries(localStorage).find(([key]) => key.endsWith('.accessToken'))?.[1]);
      expect(accessToken).toEqual(expect.any(String));
      const signedOut = await fetch(chat.twin.cognitoEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GlobalSignOut' },
        body: JSON.stringify({ AccessToken: accessToken }),
      });
      expect(signedOut.status).toBe(200);

      await bob.getByLabel('Message Session room').fill('after the sign-out');
      await bob.keyboard.press('Enter');
      await bob.getByRole('heading', { name: 'Sign in to chat' }).waitFor();
      await expect(bob.locator('.notice').innerText()).resolves.toBe('Your session has ended (it expired or was signed out elsewhere). Sign in again.');
      // A fresh sign-in (the old tokens are revoked) reads the room: nothing was stored.
      await expect(listStored(roomId, BOB)).resolves.toEqual([]);
      await close(bob);
    });
  });

  // Last: it stops the twin and starts it again on the same data directory and port.
  it('shows "reconnecting" while the twin is down, then the messages sent meanwhile, and is live again', async () => {
    const port = Number(new URL(base).port);
    const alice = await signedInPage(browser, base, ALICE.username, ALICE.password);
    const roomId = await createRoom(alice, 'Restart room');
    await alice.getByLabel('Message Restart room').fill('before the restart');
    await alice.keyboard.press('Enter');
    await alice.locator('.message:not(.pending) .content', { hasText: 'before the restart' }).waitFor();

    await chat.stop();
    await waitConnection(alice, 'Reconnecting…');
    await expect(alice.locator('.connection-notice').innerText()).resolves.toContain('reconnecting');
    // The page must not reach the new twin before the messages are in: it is offline meanwhile,
    // so what it shows later can only come from reading history back.
    await alice.context().setOffline(true);
    await waitConnection(alice, 'Offline');

    chat = await startChatTwin({ dataDir, port });
    const bobToken = await tokenOf(BOB);
    const joined = await graphqlRequest(chat.twin.graphqlUrl, bobToken, 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }', { r: roomId });
    expect(joined.body.errors).toBeUndefined();
    await sendDirect(bobToken, roomId, 'sent while you were away');
    await sendDirect(bobToken, roomId, 'and one more');
    expect(chat.twin.subscriptionCount()).toBe(0);

    await alice.context().setOffline(false);
    await waitConnection(alice, 'Live');
    await alice.locator('.message .content', { hasText: 'and one more' }).waitFor();
    await expect(messageTexts(alice)).resolves.toEqual(['before the restart', 'sent while you were away', 'and one more']);

    // Live again, not only caught up: a new message arrives without a reload.
    await sendDirect(bobToken, roomId, 'live after the restart');
    await alice.locator('.message .content', { hasText: 'live after the restart' }).waitFor();
    await expect(messageTexts(alice)).resolves.toEqual(['before the restart', 'sent while you were away', 'and one more', 'live after the restart']);
    await close(alice);
  });
});
