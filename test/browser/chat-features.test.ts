/**
 * Issue 12's features on the chat page, in real Chromium against the real twin, two users in
 * two browser contexts: typing seen by the other and cleared, who is here, a reaction and its
 * count on the other side, unread badges and the "new messages" divider, and a private room that
 * an uninvited member cannot join (and is told why) until invited.
 */
import type { Browser, Page } from 'playwright-core';
import { cognitoSignIn, graphqlRequest } from '../e2e/support/raw-clients';
import { launchChromium } from './browser';
import { nextRoomSubscriptions, startChatTwin, type ChatTwin } from './chat-twin';
import { createRoom, messageTexts, screenshot, signedInPage, waitLive } from './pages';

const ALICE = { username: 'alice', password: 'Alice#Local1' };
const BOB = { username: 'bob', password: 'Bob#Local1' };

/** README (Typing): clients clear "x is typing…" about 5 s after the last signal. */
const TYPING_CLEARED_AFTER_MS = 5_000;

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
}, 60_000);

/** One sign-in per user for the direct API calls. */
const tokens = new Map<string, Promise<string>>();
function tokenOf(user: { username: string; password: string }): Promise<string> {
  let token = tokens.get(user.username);
  if (!token) tokens.set(user.username, (token = cognitoSignIn(chat.twin.cognitoEndpoint, chat.twin.clientId, user.username, user.password).then((t) => t.accessToken)));
  return token;
}

async function api(user: { username: string; password: string }, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const result = await graphqlRequest(chat.twin.graphqlUrl, await tokenOf(user), query, variables);
  return result.body as Record<string, unknown>;
}

async function sendAs(user: { username: string; password: string }, roomId: string, content: string): Promise<void> {
  const body = await api(
    user,
    // Every field the subscribers need: AppSync sends them only what the mutation selected.
    'mutation($r: ID!, $t: String!, $c: String!) { sendMessage(roomId: $r, content: $t, clientMessageId: $c) { roomId id senderId sender content createdAt editedAt deleted reactions { emoji count mine } } }',
    { r: roomId, t: content, c: `direct-${Math.random().toString(36).slice(2)}` },
  );
  expect(body.errors).toBeUndefined();
}

/** The room as `user` sees it in myRooms (undefined when not a member). */
async function myRoom(user: { username: string; password: string }, roomId: string): Promise<{ unreadCount: number } | undefined> {
  const body = await api(user, 'query { myRooms { id unreadCount } }');
  expect(body.errors).toBeUndefined();
  return (body.data as { myRooms: Array<{ id: string; unreadCount: number }> }).myRooms.find((r) => r.id === roomId);
}

/** `user` opens `#/rooms/<id>` as a member and is live with all four room subscriptions. */
async function openRoom(user: { username: string; password: string }, roomId: string): Promise<Page> {
  const subscribed = nextRoomSubscriptions(chat);
  const page = await signedInPage(browser, base, user.username, user.password, `#/rooms/${roomId}`);
  await subscribed;
  await waitLive(page);
  return page;
}

async function close(...pages: Page[]): Promise<void> {
  await Promise.all(pages.map((page) => page.context().close()));
}

let roomId: string;

describe('the chat page with typing, presence, reactions, unread state and private rooms', () => {
  it('shows bob "alice is typing…" while she types, never to alice herself, and clears it about 5 s after her last signal', async () => {
    const alice = await signedInPage(browser, base, ALICE.username, ALICE.password);
    roomId = await createRoom(alice, 'Features');
    const bob = await signedInPage(browser, base, BOB.username, BOB.password, `#/rooms/${roomId}`);
    const subscribed = nextRoomSubscriptions(chat);
    await bob.getByRole('button', { name: 'Join this room' }).click();
    await subscribed;
    await waitLive(bob);

    await alice.getByLabel('Message Features').focus();
    await alice.keyboard.type('hel');
    const indicator = bob.locator('.typing', { hasText: 'alice is typing…' });
    await indicator.waitFor();
    const shownAt = Date.now();
    await expect(alice.locator('.typing').innerText()).resolves.toBe('');
    await indicator.waitFor({ state: 'detached', timeout: TYPING_CLEARED_AFTER_MS + 3_000 });
    const shownFor = Date.now() - shownAt;
    // One signal (sent at the first key), so the text stays about TYPING_CLEARED_AFTER_MS.
    expect(shownFor).toBeGreaterThan(TYPING_CLEARED_AFTER_MS - 1_500);
    expect(shownFor).toBeLessThan(TYPING_CLEARED_AFTER_MS + 1_500);

    // Who is here: both, on both pages (bob read the list; alice heard bob's heartbeat).
    await alice.getByLabel('Here now: alice, bob').waitFor();
    await bob.getByLabel('Here now: alice, bob').waitFor();
    await close(alice, bob);
  }, 30_000);

  it('shows a reaction to the other user with its count; each side keeps its own "mine"', async () => {
    await sendAs(BOB, roomId, 'Ship it?');
    const [alice, bob] = await Promise.all([openRoom(ALICE, roomId), openRoom(BOB, roomId)]);
    // Alice reacts with the keyboard alone: Add reaction, the picker opens on 👍, Enter.
    const aliceMessage = alice.locator('.message', { hasText: 'Ship it?' });
    await aliceMessage.getByRole('button', { name: 'Add reaction' }).focus();
    await alice.keyboard.press('Enter');
    await expect(alice.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('React with 👍');
    await alice.keyboard.press('Enter');

    const bobMessage = bob.locator('.message', { hasText: 'Ship it?' });
    // Counts come from events as they arrive; a page's own `mine` settles with its answer, so
    // each check waits for the state it expects.
    const seen = (message: typeof bobMessage, name: string, pressed: boolean) => message.getByRole('button', { name, exact: true, pressed }).waitFor();
    // The event carried alice's view (mine: true); bob has not reacted.
    await seen(bobMessage, '👍 1', false);
    await seen(aliceMessage, '👍 1', true);

    // Bob adds his: two on both sides, and alice's own stays hers (bob's event said mine for bob).
    await bobMessage.getByRole('button', { name: '👍 1', exact: true }).click();
    await seen(bobMessage, '👍 2', true);
    await seen(aliceMessage, '👍 2', true);

    // Alice takes hers back: one left, bob's.
    await aliceMessage.getByRole('button', { name: '👍 2', exact: true }).click();
    await seen(bobMessage, '👍 1', true);
    await seen(aliceMessage, '👍 1', false);
    // Nothing else was reacted with.
    await expect(bobMessage.locator('.reaction').count()).resolves.toBe(1);
    await screenshot(bob, 'chat-features');
    await close(alice, bob);
  });

  it('badges a room with the messages sent while bob was away, marks a "new messages" divider, and clears both once he opens it', async () => {
    // Bob has read everything so far (the last test showed him the room).
    await expect(myRoom(BOB, roomId)).resolves.toEqual({ id: roomId, unreadCount: 0 });
    for (const text of ['one', 'two', 'three']) await sendAs(ALICE, roomId, `away ${text}`);

    const bob = await signedInPage(browser, base, BOB.username, BOB.password);
    const link = bob.getByRole('link', { name: /Features/ });
    await link.getByLabel('3 unread').waitFor();
    await expect(link.locator('.last-message').innerText()).resolves.toBe('alice: away three');

    const marked = bob.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('MarkRead'));
    await link.click();
    await bob.locator('.message .content', { hasText: 'away three' }).waitFor();
    await marked;
    // The divider sits right before the first message he had not read.
    await expect(bob.locator('.messages > li.new-divider + li.message .content').innerText()).resolves.toBe('away one');
    await expect(link.locator('.unread').count()).resolves.toBe(0);
    // Stored: myRooms answers 0 for bob now (markRead reached the API).
    await expect(myRoom(BOB, roomId)).resolves.toEqual({ id: roomId, unreadCount: 0 });
    await close(bob);
  });

  it('says "99+" for a room with 100 or more unread (myRooms counts at most 100)', async () => {
    const created = await api(ALICE, 'mutation { createRoom(name: "Busy") { id } }');
    const busyId = (created.data as { createRoom: { id: string } }).createRoom.id;
    await expect(api(BOB, 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }', { r: busyId })).resolves.not.toHaveProperty('errors');
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => sendAs(ALICE, busyId, `busy ${batch * 10 + i}`)));
    }
    await sendAs(ALICE, busyId, 'busy 100');
    await expect(myRoom(BOB, busyId)).resolves.toEqual({ id: busyId, unreadCount: 100 });
    const bob = await signedInPage(browser, base, BOB.username, BOB.password);
    await expect(bob.getByRole('link', { name: /Busy/ }).locator('.unread').innerText()).resolves.toBe('99+');
    await bob.getByRole('link', { name: /Busy/ }).getByLabel('99+ unread').waitFor();
    await close(bob);
  });

  it('refuses bob a private room without an invitation, saying why, and lets him in once alice invites him', async () => {
    const alice = await signedInPage(browser, base, ALICE.username, ALICE.password);
    await alice.getByLabel('Private (by invitation only)').check();
    const privateId = await createRoom(alice, 'Secret plans');
    await alice.getByRole('heading', { name: /Secret plans/, level: 2 }).getByText('Private').waitFor();

    const bob = await signedInPage(browser, base, BOB.username, BOB.password, `#/rooms/${privateId}`);
    await bob.getByRole('button', { name: 'Join this room' }).click();
    await bob.getByText('This room is private: you need an invitation to join it.').waitFor();
    await expect(bob.getByRole('button', { name: 'Join this room' }).count()).resolves.toBe(0);
    // The refusal changed nothing: bob is still not a member.
    await expect(myRoom(BOB, privateId)).resolves.toBeUndefined();
    // The directory lists the public room and not the private one.
    await bob.getByRole('button', { name: 'Public room directory' }).click();
    await bob.getByRole('button', { name: 'Open Features' }).waitFor();
    await expect(bob.getByRole('list', { name: 'Public rooms' }).innerText()).resolves.not.toContain('Secret plans');

    // Alice invites bob by the user id his page shows him.
    const bobId = await bob.locator('.my-id code').innerText();
    await alice.getByLabel('Invite by user id').fill(bobId);
    await alice.getByRole('button', { name: 'Invite', exact: true }).click();
    await alice.getByRole('status').filter({ hasText: `Invited ${bobId}` }).waitFor();

    await bob.reload();
    const subscribed = nextRoomSubscriptions(chat);
    await bob.getByRole('button', { name: 'Accept the invitation to Secret plans' }).click();
    await bob.getByRole('heading', { name: /Secret plans/, level: 2 }).waitFor();
    await subscribed;
    await sendAs(ALICE, privateId, 'Welcome in');
    await bob.locator('.message .content', { hasText: 'Welcome in' }).waitFor();
    await expect(messageTexts(bob)).resolves.toEqual(['Welcome in']);
    await expect(bob.getByRole('heading', { name: 'Invitations' }).count()).resolves.toBe(0);
    await close(alice, bob);
  });
});
