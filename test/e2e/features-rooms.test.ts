// Issue 12's room features against a started twin: private rooms (joined only by invitation,
// refused without one, bans applying to private rooms and withdrawing invitations),
// listPublicRooms with pagination, and read state (markRead forward only, unreadCount and
// lastMessage in myRooms, capped at 100). Expected values come from the contract.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient } from '../../local/dynamodb-local';
import type { Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import { callAs, createRoom, joinRoom, must, refusal, sendMessage, signInUsers, type SignedIn } from './support/feature-users';
import { scanTable } from './support/table-snapshot';

const JOIN = 'mutation($r: ID!) { joinRoom(roomId: $r) { id visibility } }';
const ACCEPT = 'mutation($r: ID!) { acceptInvite(roomId: $r) { id visibility } }';
const INVITE = 'mutation($r: ID!, $u: String!) { inviteMember(roomId: $r, userId: $u) { roomId roomName userId invitedBy invitedAt } }';
const REMOVE = 'mutation($r: ID!, $u: String!) { removeMember(roomId: $r, userId: $u) { id } }';
const UNBAN = 'mutation($r: ID!, $u: String!) { unbanMember(roomId: $r, userId: $u) { id } }';
const MY_INVITATIONS = 'query { myInvitations { roomId roomName userId invitedBy } }';
const MY_ROOMS = 'query { myRooms { id visibility lastReadMessageId unreadCount lastMessage { id content } } }';
const MARK_READ = 'mutation($r: ID!, $m: ID!) { markRead(roomId: $r, messageId: $m) { roomId lastReadMessageId } }';
const PUBLIC_ROOMS = 'query($l: Int, $t: String) { listPublicRooms(limit: $l, nextToken: $t) { items { id name visibility } nextToken } }';

let twin: Twin;
let dynamodb: DynamoDBClient;
let users: Record<string, SignedIn>;

beforeAll(async () => {
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
  dynamodb = createLocalDynamoDBClient(twin.dynamodbEndpoint);
  users = await signInUsers(twin, ['alice', 'bob', 'pia', 'quinn', 'rita']);
}, 60000);

afterAll(async () => {
  dynamodb?.destroy();
  await twin?.stop();
}, 60000);

const snapshot = () => scanTable(dynamodb, twin.tableName);

describe('private rooms', () => {
  it('refuse joinRoom and acceptInvite without an invitation (Unauthorized), changing nothing, and stay out of listPublicRooms', async () => {
    const roomId = await createRoom(twin, users.pia, 'secret', 'PRIVATE');
    const before = await snapshot();
    expect(await refusal(twin, users.quinn, JOIN, { r: roomId })).toEqual(['Unauthorized']);
    expect(await refusal(twin, users.quinn, ACCEPT, { r: roomId })).toEqual(['Unauthorized']);
    expect(await refusal(twin, users.quinn, 'query($r: ID!) { getRoom(roomId: $r) { id } }', { r: roomId })).toEqual(['Unauthorized']);
    expect(await snapshot()).toEqual(before);
    const listed = (await must(twin, users.quinn, PUBLIC_ROOMS, { l: 100 })).listPublicRooms as { items: Array<{ id: string }> };
    expect(listed.items.map((r) => r.id)).not.toContain(roomId);
  });

  it.each([
    ['acceptInvite', ACCEPT],
    ['joinRoom', JOIN],
  ])('admit an invited user through %s, which uses up the invitation', async (_how, join) => {
    const roomId = await createRoom(twin, users.pia, `secret for ${_how}`, 'PRIVATE');
    const invitation = (await must(twin, users.pia, INVITE, { r: roomId, u: users.quinn.sub })).inviteMember;
    expect(invitation).toEqual({ roomId, roomName: `secret for ${_how}`, userId: users.quinn.sub, invitedBy: users.pia.sub, invitedAt: expect.any(String) });
    expect((await must(twin, users.quinn, MY_INVITATIONS)).myInvitations).toContainEqual({ roomId, roomName: `secret for ${_how}`, userId: users.quinn.sub, invitedBy: users.pia.sub });

    expect((await must(twin, users.quinn, join, { r: roomId }))).toEqual({ [join === ACCEPT ? 'acceptInvite' : 'joinRoom']: { id: roomId, visibility: 'PRIVATE' } });
    const invitations = (await must(twin, users.quinn, MY_INVITATIONS)).myInvitations as Array<{ roomId: string }>;
    expect(invitations.map((i) => i.roomId)).not.toContain(roomId);
    const rooms = (await must(twin, users.quinn, MY_ROOMS)).myRooms as Array<{ id: string; visibility: string }>;
    expect(rooms.filter((r) => r.id === roomId).map((r) => r.visibility)).toEqual(['PRIVATE']);
    // Accepting again as a member is not an error; leaving and coming back needs a new invitation.
    expect(await must(twin, users.quinn, ACCEPT, { r: roomId })).toEqual({ acceptInvite: { id: roomId, visibility: 'PRIVATE' } });
    await must(twin, users.quinn, 'mutation($r: ID!) { leaveRoom(roomId: $r) { id } }', { r: roomId });
    expect(await refusal(twin, users.quinn, JOIN, { r: roomId })).toEqual(['Unauthorized']);
  });

  it.each([
    ['a non-member', 'rita', 'Unauthorized'],
    ['a member inviting a member', 'pia', 'Conflict'],
  ])('refuse an invitation by %s, changing nothing', async (_case, inviter, errorType) => {
    const roomId = await createRoom(twin, users.pia, `invite refusal ${_case}`, 'PRIVATE');
    const target = inviter === 'pia' ? users.pia.sub : users.quinn.sub;
    const before = await snapshot();
    expect(await refusal(twin, users[inviter], INVITE, { r: roomId, u: target })).toEqual([errorType]);
    expect(await snapshot()).toEqual(before);
  });

  it('apply bans: a removed user is not invited again, their invitation is withdrawn, and an unban does not bring it back', async () => {
    const roomId = await createRoom(twin, users.alice, 'moderated secret', 'PRIVATE');
    await must(twin, users.alice, INVITE, { r: roomId, u: users.rita.sub });
    await must(twin, users.alice, REMOVE, { r: roomId, u: users.rita.sub });
    expect(((await must(twin, users.rita, MY_INVITATIONS)).myInvitations as Array<{ roomId: string }>).map((i) => i.roomId)).not.toContain(roomId);
    const before = await snapshot();
    expect(await refusal(twin, users.rita, ACCEPT, { r: roomId })).toEqual(['Unauthorized']);
    expect(await refusal(twin, users.rita, JOIN, { r: roomId })).toEqual(['Unauthorized']);
    expect(await refusal(twin, users.alice, INVITE, { r: roomId, u: users.rita.sub })).toEqual(['Conflict']);
    expect(await snapshot()).toEqual(before);

    await must(twin, users.alice, UNBAN, { r: roomId, u: users.rita.sub });
    expect(await refusal(twin, users.rita, JOIN, { r: roomId })).toEqual(['Unauthorized']);
    await must(twin, users.alice, INVITE, { r: roomId, u: users.rita.sub });
    expect(await must(twin, users.rita, ACCEPT, { r: roomId })).toEqual({ acceptInvite: { id: roomId, visibility: 'PRIVATE' } });
  });

  it('a banned user with an invitation to a private room is refused as banned', async () => {
    const roomId = await createRoom(twin, users.alice, 'ban after invite', 'PRIVATE');
    await must(twin, users.alice, INVITE, { r: roomId, u: users.bob.sub });
    await must(twin, users.alice, REMOVE, { r: roomId, u: users.bob.sub });
    const result = await callAs(twin, users.bob, ACCEPT, { r: roomId });
    expect(result.body.errors?.map((e) => [e.errorType, e.message])).toEqual([['Unauthorized', 'Removed from this room; an Admin must unban you before you can join again']]);
  });
});

describe('listPublicRooms', () => {
  it('pages the public rooms newest first and leaves private ones out', async () => {
    const made: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) made.push(await createRoom(twin, users.rita, `public ${n}`, n === 3 ? 'PRIVATE' : undefined));
    const seen: Array<{ id: string; visibility: string }> = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page = (await must(twin, users.bob, PUBLIC_ROOMS, { l: 2, t: nextToken })).listPublicRooms as { items: Array<{ id: string; visibility: string }>; nextToken: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < 50);
    const ids = seen.map((r) => r.id);
    expect(ids.filter((id) => made.includes(id))).toEqual([made[4], made[3], made[1], made[0]]);
    expect(seen.every((r) => r.visibility === 'PUBLIC')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['a limit of 0', { l: 0 }],
    ['a limit of 101', { l: 101 }],
    ['a forged nextToken', { t: 'not-a-token' }],
  ])('refuses %s with ValidationError', async (_case, variables) => {
    expect(await refusal(twin, users.bob, PUBLIC_ROOMS, variables)).toEqual(['ValidationError']);
  });
});

describe('read state', () => {
  it('myRooms counts the messages after the read marker, shows the last message, and markRead never moves back', async () => {
    const roomId = await createRoom(twin, users.pia, 'unread');
    await joinRoom(twin, users.quinn, roomId);
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4]) ids.push(await sendMessage(twin, users.pia, roomId, `m${n}`));
    const roomOf = async () => ((await must(twin, users.quinn, MY_ROOMS)).myRooms as Array<Record<string, unknown>>).find((r) => r.id === roomId);

    expect(await roomOf()).toEqual({ id: roomId, visibility: 'PUBLIC', lastReadMessageId: null, unreadCount: 4, lastMessage: { id: ids[3], content: 'm4' } });
    expect((await must(twin, users.quinn, MARK_READ, { r: roomId, m: ids[1] })).markRead).toEqual({ roomId, lastReadMessageId: ids[1] });
    expect(await roomOf()).toMatchObject({ lastReadMessageId: ids[1], unreadCount: 2 });
    // Backwards is refused by keeping the later marker.
    expect((await must(twin, users.quinn, MARK_READ, { r: roomId, m: ids[0] })).markRead).toEqual({ roomId, lastReadMessageId: ids[1] });
    expect(await roomOf()).toMatchObject({ lastReadMessageId: ids[1], unreadCount: 2 });
    // A deleted message is not unread.
    await must(twin, users.pia, 'mutation($r: ID!, $m: ID!) { deleteMessage(roomId: $r, messageId: $m) { id } }', { r: roomId, m: ids[2] });
    expect(await roomOf()).toMatchObject({ unreadCount: 1 });
    await must(twin, users.quinn, MARK_READ, { r: roomId, m: ids[3] });
    expect(await roomOf()).toMatchObject({ lastReadMessageId: ids[3], unreadCount: 0 });
    // The reader's marker is theirs: pia never marked anything.
    const pias = ((await must(twin, users.pia, MY_ROOMS)).myRooms as Array<Record<string, unknown>>).find((r) => r.id === roomId);
    expect(pias).toMatchObject({ lastReadMessageId: null, unreadCount: 3 });
  });

  it('caps unreadCount at 100 (100 or more)', async () => {
    const roomId = await createRoom(twin, users.rita, 'busy');
    await Promise.all(Array.from({ length: 105 }, (_, n) => sendMessage(twin, users.rita, roomId, `busy ${n}`)));
    const rooms = (await must(twin, users.rita, MY_ROOMS)).myRooms as Array<Record<string, unknown>>;
    expect(rooms.find((r) => r.id === roomId)).toMatchObject({ unreadCount: 100 });
  });

  it('leaves unreadCount, lastReadMessageId and lastMessage null outside myRooms', async () => {
    const roomId = await createRoom(twin, users.pia, 'no member view');
    await sendMessage(twin, users.pia, roomId, 'hidden from getRoom');
    const got = await must(twin, users.pia, 'query($r: ID!) { getRoom(roomId: $r) { id unreadCount lastReadMessageId lastMessage { id } } }', { r: roomId });
    expect(got.getRoom).toEqual({ id: roomId, unreadCount: null, lastReadMessageId: null, lastMessage: null });
    const listed = (await must(twin, users.bob, 'query { listPublicRooms(limit: 100) { items { id unreadCount lastMessage { content } } } }')).listPublicRooms as { items: Array<Record<string, unknown>> };
    expect(listed.items.find((r) => r.id === roomId)).toEqual({ id: roomId, unreadCount: null, lastMessage: null });
  });

  it.each([
    ['an unknown message', 'unknown', 'NotFound'],
    ['a non-member', 'outsider', 'Unauthorized'],
  ])('markRead refuses %s and changes nothing', async (_case, kind, errorType) => {
    const roomId = await createRoom(twin, users.pia, `markRead ${kind}`);
    const messageId = kind === 'unknown' ? '01J00000000000000000000000' : await sendMessage(twin, users.pia, roomId, 'x');
    const before = await snapshot();
    expect(await refusal(twin, kind === 'outsider' ? users.quinn : users.pia, MARK_READ, { r: roomId, m: messageId })).toEqual([errorType]);
    expect(await snapshot()).toEqual(before);
  });
});
