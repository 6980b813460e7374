// Issue 12's live features against a started twin (DynamoDB Local, real sign-ins, the realtime
// protocol over wss://): typing (onTyping refused for non-members, never echoed to the sender,
// bounded per user), presence (onPresence, expiry filtered on read) and reactions (counted,
// idempotent, delivered through onMessageChanged). Expected values come from the contract
// (schema/schema.graphql, README "The chat API", "Typing, presence, reactions, read state, private rooms").
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient } from '../../local/dynamodb-local';
import type { Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import type { RealtimeClient } from './support/raw-clients';
import { callAs, connect, createRoom, joinRoom, must, refusal, sendMessage, signInUsers, subscribe, type SignedIn } from './support/feature-users';
import { scanTable } from './support/table-snapshot';

const TYPING = 'roomId userId username at';
const PRESENCE = 'roomId userId username lastSeenAt expiresAt';
const MESSAGE = 'roomId id senderId sender content createdAt editedAt deleted reactions { emoji count mine }';
const onTyping = `subscription($roomId: ID!) { onTyping(roomId: $roomId) { ${TYPING} } }`;
const onPresence = `subscription($roomId: ID!) { onPresence(roomId: $roomId) { ${PRESENCE} } }`;
const onMessageChanged = `subscription($roomId: ID!) { onMessageChanged(roomId: $roomId) { id reactions { emoji count mine } } }`;
const setTyping = `mutation($r: ID!) { setTyping(roomId: $r) { ${TYPING} } }`;
const heartbeat = `mutation($r: ID!) { heartbeat(roomId: $r) { ${PRESENCE} } }`;
const presence = `query($r: ID!) { presence(roomId: $r) { ${PRESENCE} } }`;
const react = `mutation($r: ID!, $m: ID!, $e: String!) { react(roomId: $r, messageId: $m, emoji: $e) { ${MESSAGE} } }`;
const unreact = `mutation($r: ID!, $m: ID!, $e: String!) { unreact(roomId: $r, messageId: $m, emoji: $e) { ${MESSAGE} } }`;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

let twin: Twin;
let dynamodb: DynamoDBClient;
let users: Record<string, SignedIn>;
const open: RealtimeClient[] = [];

beforeAll(async () => {
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
  dynamodb = createLocalDynamoDBClient(twin.dynamodbEndpoint);
  users = await signInUsers(twin, ['alice', 'bob', 'tess', 'uma', 'otto']);
}, 60000);

afterAll(async () => {
  await Promise.all(open.map((client) => client.close()));
  dynamodb?.destroy();
  await twin?.stop();
}, 60000);

/** A room of tess's with uma in it; otto stays outside. */
async function room(name: string): Promise<string> {
  const roomId = await createRoom(twin, users.tess, name);
  await joinRoom(twin, users.uma, roomId);
  return roomId;
}

describe('typing', () => {
  it.each([
    ['onTyping', onTyping],
    ['onPresence', onPresence],
  ])('%s is refused to a non-member (Unauthorized) and subscribes nothing', async (_field, query) => {
    const roomId = await room(`refused ${_field}`);
    const otto = await connect(twin, users.otto, open);
    const before = twin.subscriptionCount();
    const answer = await subscribe(twin, otto, users.otto, 'x', query, { roomId });
    expect(answer).toMatchObject({ type: 'error', id: 'x', payload: { errors: [{ errorType: 'Unauthorized' }] } });
    expect(twin.subscriptionCount()).toBe(before);
  });

  it('reaches the other members, never the sender; setTyping by a non-member is refused with nothing stored', async () => {
    const roomId = await room('typing');
    const tess = await connect(twin, users.tess, open);
    const uma = await connect(twin, users.uma, open);
    expect(await subscribe(twin, tess, users.tess, 't', onTyping, { roomId })).toEqual({ type: 'start_ack', id: 't' });
    expect(await subscribe(twin, uma, users.uma, 'u', onTyping, { roomId })).toEqual({ type: 'start_ack', id: 'u' });

    const tessTyping = await must(twin, users.tess, setTyping, { r: roomId });
    expect(tessTyping.setTyping).toEqual({ roomId, userId: users.tess.sub, username: 'tess', at: expect.stringMatching(ISO) });
    expect(await uma.next((f) => f.id === 'u' && f.type === 'data')).toEqual({ type: 'data', id: 'u', payload: { data: { onTyping: tessTyping.setTyping } } });

    // uma's signal comes after tess's: if tess's own had been sent to her, it would be first.
    const umaTyping = await must(twin, users.uma, setTyping, { r: roomId });
    expect(await tess.next((f) => f.id === 't' && f.type === 'data')).toEqual({ type: 'data', id: 't', payload: { data: { onTyping: umaTyping.setTyping } } });
    expect(tess.pending('t')).toEqual([]);
    expect(uma.pending('u')).toEqual([]);

    const before = await scanTable(dynamodb, twin.tableName);
    expect(await refusal(twin, users.otto, setTyping, { r: roomId })).toEqual(['Unauthorized']);
    expect(await scanTable(dynamodb, twin.tableName)).toEqual(before);
  });

  it('is bounded per user and room: a second signal within 2 s is LimitExceeded and publishes nothing, another user is not held back', async () => {
    const roomId = await room('typing rate');
    const tess = await connect(twin, users.tess, open);
    expect(await subscribe(twin, tess, users.tess, 'rate', onTyping, { roomId })).toEqual({ type: 'start_ack', id: 'rate' });
    await must(twin, users.uma, setTyping, { r: roomId });
    const first = await tess.next((f) => f.id === 'rate' && f.type === 'data');
    const before = await scanTable(dynamodb, twin.tableName);
    expect(await refusal(twin, users.uma, setTyping, { r: roomId })).toEqual(['LimitExceeded']);
    expect(await scanTable(dynamodb, twin.tableName)).toEqual(before);
    // Another member's signal goes through, and is the next event: the refused one published nothing.
    await joinRoom(twin, users.bob, roomId);
    const bobTyping = await must(twin, users.bob, setTyping, { r: roomId });
    expect(await tess.next((f) => f.id === 'rate' && f.type === 'data')).toEqual({ type: 'data', id: 'rate', payload: { data: { onTyping: bobTyping.setTyping } } });
    expect(first.payload).toMatchObject({ data: { onTyping: { userId: users.uma.sub } } });
  });
});

describe('presence', () => {
  it('a heartbeat reaches onPresence and lists the member until it expires; expired items are ignored on read', async () => {
    const roomId = await room('presence');
    const tess = await connect(twin, users.tess, open);
    expect(await subscribe(twin, tess, users.tess, 'p', onPresence, { roomId })).toEqual({ type: 'start_ack', id: 'p' });
    const started = Math.floor(Date.now() / 1000);
    const beat = (await must(twin, users.uma, heartbeat, { r: roomId })).heartbeat as Record<string, unknown>;
    expect(beat).toEqual({ roomId, userId: users.uma.sub, username: 'uma', lastSeenAt: expect.stringMatching(ISO), expiresAt: expect.any(Number) });
    // 60 s from the server's clock.
    expect(beat.expiresAt).toBeGreaterThanOrEqual(started + 60);
    expect(beat.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 60);
    expect(await tess.next((f) => f.id === 'p' && f.type === 'data')).toEqual({ type: 'data', id: 'p', payload: { data: { onPresence: beat } } });

    // tess's heartbeat expired a second ago (DynamoDB Local never deletes it): not listed.
    const expiredAt = Math.floor(Date.now() / 1000) - 1;
    await dynamodb.send(
      new PutItemCommand({
        TableName: twin.tableName,
        Item: marshall({ PK: `ROOM#${roomId}`, SK: `PRESENCE#${users.tess.sub}`, roomId, userId: users.tess.sub, username: 'tess', lastSeenAt: '2026-01-01T00:00:00.000Z', lastSeenMs: (expiredAt - 60) * 1000, expiresAt: expiredAt }),
      }),
    );
    expect((await must(twin, users.tess, presence, { r: roomId })).presence).toEqual([beat]);
    expect(await refusal(twin, users.otto, presence, { r: roomId })).toEqual(['Unauthorized']);
  });

  it('a second heartbeat within 5 s is LimitExceeded and changes nothing', async () => {
    const roomId = await room('presence rate');
    await must(twin, users.uma, heartbeat, { r: roomId });
    const before = await scanTable(dynamodb, twin.tableName);
    expect(await refusal(twin, users.uma, heartbeat, { r: roomId })).toEqual(['LimitExceeded']);
    expect(await scanTable(dynamodb, twin.tableName)).toEqual(before);
  });
});

describe('reactions', () => {
  it('are counted once per user per emoji, delivered live through onMessageChanged, and taken back idempotently', async () => {
    const roomId = await room('reactions');
    const messageId = await sendMessage(twin, users.tess, roomId, 'react to me');
    const tess = await connect(twin, users.tess, open);
    expect(await subscribe(twin, tess, users.tess, 'm', onMessageChanged, { roomId })).toEqual({ type: 'start_ack', id: 'm' });

    const first = (await must(twin, users.uma, react, { r: roomId, m: messageId, e: '👍' })).react as { reactions: unknown };
    expect(first.reactions).toEqual([{ emoji: '👍', count: 1, mine: true }]);
    // The event is the reacting user's view: "mine" is uma's, the counts are everyone's.
    expect(await tess.next((f) => f.id === 'm' && f.type === 'data')).toEqual({
      type: 'data',
      id: 'm',
      payload: { data: { onMessageChanged: { id: messageId, reactions: [{ emoji: '👍', count: 1, mine: true }] } } },
    });

    const again = (await must(twin, users.uma, react, { r: roomId, m: messageId, e: '👍' })).react as { reactions: unknown };
    expect(again.reactions).toEqual([{ emoji: '👍', count: 1, mine: true }]);
    const tessToo = (await must(twin, users.tess, react, { r: roomId, m: messageId, e: '👍' })).react as { reactions: unknown };
    expect(tessToo.reactions).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    const party = (await must(twin, users.tess, react, { r: roomId, m: messageId, e: '🎉' })).react as { reactions: unknown };
    expect(party.reactions).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '🎉', count: 1, mine: true },
    ]);

    const listed = await must(twin, users.uma, `query($r: ID!) { listMessages(roomId: $r) { items { id reactions { emoji count mine } } } }`, { r: roomId });
    expect(listed.listMessages).toEqual({
      items: [
        {
          id: messageId,
          reactions: [
            { emoji: '👍', count: 2, mine: true },
            { emoji: '🎉', count: 1, mine: false },
          ],
        },
      ],
    });

    const taken = (await must(twin, users.uma, unreact, { r: roomId, m: messageId, e: '👍' })).unreact as { reactions: unknown };
    expect(taken.reactions).toEqual([
      { emoji: '👍', count: 1, mine: false },
      { emoji: '🎉', count: 1, mine: false },
    ]);
    const takenAgain = (await must(twin, users.uma, unreact, { r: roomId, m: messageId, e: '👍' })).unreact as { reactions: unknown };
    expect(takenAgain.reactions).toEqual(taken.reactions);
    const last = (await must(twin, users.tess, unreact, { r: roomId, m: messageId, e: '🎉' })).unreact as { reactions: unknown };
    expect(last.reactions).toEqual([{ emoji: '👍', count: 1, mine: true }]);
  });

  it.each([
    ['an emoji off the allow-list', 'own', '🦄', 'ValidationError'],
    ['an unknown message', 'unknown', '👍', 'NotFound'],
    ['a deleted message', 'deleted', '👍', 'Conflict'],
    ['a non-member', 'outsider', '👍', 'Unauthorized'],
  ])('react refuses %s and changes nothing', async (_case, kind, emoji, errorType) => {
    const roomId = await room(`react refuses ${kind}`);
    let messageId = await sendMessage(twin, users.tess, roomId, 'target');
    if (kind === 'unknown') messageId = '01J00000000000000000000000';
    if (kind === 'deleted') await must(twin, users.tess, 'mutation($r: ID!, $m: ID!) { deleteMessage(roomId: $r, messageId: $m) { id } }', { r: roomId, m: messageId });
    const who = kind === 'outsider' ? users.otto : users.uma;
    const before = await scanTable(dynamodb, twin.tableName);
    const result = await callAs(twin, who, react, { r: roomId, m: messageId, e: emoji });
    expect(result.body.data).toBeNull();
    expect((result.body.errors ?? []).map((e) => e.errorType)).toEqual([errorType]);
    expect(await scanTable(dynamodb, twin.tableName)).toEqual(before);
  });
});
