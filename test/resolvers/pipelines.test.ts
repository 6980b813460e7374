/**
 * The chat API's pipelines end to end on the local runtime against a real DynamoDB Local table:
 * the bundled resolvers and functions of the wiring table, the twin's pipeline runner and its
 * DynamoDB data source. This is where the rules that need stored state are proven: idempotent
 * sendMessage (also under concurrent retries), owner conditions, pagination, membership.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createDataSourceInvoker } from '../../local/datasources';
import { createGraphQLApi } from '../../local/graphql/api';
import { createPipelineRunner, resolverFieldKeys } from '../../local/graphql/pipeline-runner';
import { loadApiSchema } from '../../local/graphql/schema';
import { runPipeline, type PipelineResult } from '../../local/runtime/pipeline';
import { bundleFunction, bundleResolver } from '../../resolvers/bundle';
import { dataSources, pipelineFunctions, resolvers } from '../../resolvers/wiring';
import { useTestDynamoDB } from '../support/dynamodb';
import { ISO_8601_UTC, ULID, alice, bob, carolAdmin, cognitoIdentity, dave, iamIdentity, subscriptionsEnded, type User } from './helpers';

const db = useTestDynamoDB();

type Identity = Record<string, unknown>;

async function call(typeName: string, fieldName: string, args: Record<string, unknown>, identity: Identity): Promise<PipelineResult> {
  const row = resolvers.find((r) => r.typeName === typeName && r.fieldName === fieldName);
  if (!row) throw new Error(`${typeName}.${fieldName} is not wired`);
  return runPipeline({
    code: bundleResolver(typeName, fieldName),
    functions: row.functions.map((name) => {
      const wiring = pipelineFunctions.find((fn) => fn.name === name);
      if (!wiring) throw new Error(`function ${name} is not wired`);
      return { name, code: bundleFunction(name), dataSourceName: wiring.dataSource };
    }),
    context: {
      arguments: args,
      identity,
      source: null,
      request: { headers: {} },
      info: { fieldName, parentTypeName: typeName, variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
      env: { TABLE_NAME: db.tableName },
    },
    invokeDataSource: createDataSourceInvoker({ dataSources, dynamodb: { client: db.client, tableName: db.tableName } }),
  });
}

const as = (user: User): Identity => cognitoIdentity(user);

/** The call succeeded; its field value. */
async function ok(typeName: string, fieldName: string, args: Record<string, unknown>, identity: Identity): Promise<Record<string, unknown>> {
  const out = await call(typeName, fieldName, args, identity);
  expect(out.errors).toEqual([]);
  return out.data as Record<string, unknown>;
}

/** The call failed with exactly one error; its message and errorType. */
async function failure(typeName: string, fieldName: string, args: Record<string, unknown>, identity: Identity): Promise<{ message: string; errorType: string | null }> {
  const out = await call(typeName, fieldName, args, identity);
  expect(out.data).toBeNull();
  expect(out.errors).toHaveLength(1);
  return { message: out.errors[0].message, errorType: out.errors[0].errorType };
}

async function tableItems(): Promise<Record<string, unknown>[]> {
  const scan = await db.client.send(new ScanCommand({ TableName: db.tableName, ConsistentRead: true }));
  return (scan.Items ?? []).map((item) => unmarshall(item)).sort((a, b) => `${a.PK}${a.SK}`.localeCompare(`${b.PK}${b.SK}`));
}

async function messagesOf(roomId: string): Promise<Record<string, unknown>[]> {
  return (await tableItems()).filter((item) => item.PK === `ROOM#${roomId}` && String(item.SK).startsWith('MSG#'));
}

/** A room as myRooms returns it from the pipeline: with the read marker and the member-view mark. */
function asMemberSees(room: Record<string, unknown>, lastReadMessageId: string | null = null): Record<string, unknown> {
  return { ...room, lastReadMessageId, memberView: true };
}

describe('chat pipelines on DynamoDB Local', () => {
  let roomId: string;

  it('createRoom makes a room whose first member is the caller', async () => {
    const room = await ok('Mutation', 'createRoom', { name: 'General' }, as(alice));
    expect(room).toEqual({ id: expect.stringMatching(ULID), name: 'General', createdBy: alice.sub, createdAt: expect.stringMatching(ISO_8601_UTC), visibility: 'PUBLIC' });
    roomId = room.id as string;
    expect(await ok('Query', 'myRooms', {}, as(alice))).toEqual([asMemberSees(room)]);
    expect(await ok('Query', 'getRoom', { roomId }, as(alice))).toEqual(room);
    expect(await ok('Query', 'myRooms', {}, as(bob))).toEqual([]);
  });

  it('keeps non-members out of every room-scoped field, and says NotFound for unknown rooms', async () => {
    const unknownRoom = '01HZY3M9Q6B8J4K2N7P5R3T1VW';
    const notMember = { message: 'Not a member of this room', errorType: 'Unauthorized' };
    const before = await tableItems();
    expect(await failure('Query', 'getRoom', { roomId }, as(bob))).toEqual(notMember);
    expect(await failure('Query', 'listMessages', { roomId }, as(bob))).toEqual(notMember);
    expect(await failure('Mutation', 'sendMessage', { roomId, content: 'hi', clientMessageId: 'b-0' }, as(bob))).toEqual(notMember);
    expect(await failure('Mutation', 'leaveRoom', { roomId }, as(bob))).toEqual(notMember);
    expect(await failure('Subscription', 'onNewMessage', { roomId }, as(bob))).toEqual(notMember);
    expect(await failure('Subscription', 'onMessageChanged', { roomId }, as(dave))).toEqual(notMember);
    expect(await failure('Query', 'getRoom', { roomId: unknownRoom }, as(alice))).toEqual({ message: 'Room not found', errorType: 'NotFound' });
    expect(await failure('Mutation', 'joinRoom', { roomId: unknownRoom }, as(bob))).toEqual({ message: 'Room not found', errorType: 'NotFound' });
    expect(await failure('Query', 'listMessages', { roomId: unknownRoom }, iamIdentity)).toEqual({ message: 'Room not found', errorType: 'NotFound' });
    expect(await tableItems()).toEqual(before);
  });

  it('joinRoom adds the caller once; joining again changes nothing', async () => {
    const room = await ok('Mutation', 'joinRoom', { roomId }, as(bob));
    expect(room.id).toBe(roomId);
    const afterFirst = await tableItems();
    expect(await ok('Mutation', 'joinRoom', { roomId }, as(bob))).toEqual(room);
    expect(await tableItems()).toEqual(afterFirst);
    expect(await ok('Query', 'myRooms', {}, as(bob))).toEqual([asMemberSees(room)]);
  });

  it('sendMessage stores one message per clientMessageId and returns it on every retry', async () => {
    const sent = await ok('Mutation', 'sendMessage', { roomId, content: 'hello', clientMessageId: 'b-1' }, as(bob));
    expect(sent).toEqual({
      roomId,
      id: expect.stringMatching(ULID),
      senderId: bob.sub,
      sender: 'bob',
      content: 'hello',
      createdAt: expect.stringMatching(ISO_8601_UTC),
      editedAt: null,
      deleted: false,
      reactions: [],
    });
    const retried = await ok('Mutation', 'sendMessage', { roomId, content: 'hello', clientMessageId: 'b-1' }, as(bob));
    expect(retried).toEqual(sent);
    expect((await messagesOf(roomId)).map((item) => item.id)).toEqual([sent.id]);
    // The send record names the message and keeps no copy of its content.
    const record = (await tableItems()).find((item) => item.SK === `SEND#${bob.sub}#b-1`);
    expect(record).toEqual({ PK: `ROOM#${roomId}`, SK: `SEND#${bob.sub}#b-1`, roomId, messageId: sent.id, senderId: bob.sub, clientMessageId: 'b-1', createdAt: sent.createdAt });
    // The key is per sender: alice may use the same clientMessageId.
    const fromAlice = await ok('Mutation', 'sendMessage', { roomId, content: 'hello', clientMessageId: 'b-1' }, as(alice));
    expect(fromAlice.id).not.toBe(sent.id);
  });

  it('concurrent retries of one sendMessage store exactly one message', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () => call('Mutation', 'sendMessage', { roomId, content: 'once', clientMessageId: 'b-race' }, as(bob))),
    );
    const ids = new Set(attempts.filter((a) => a.errors.length === 0).map((a) => (a.data as { id: string }).id));
    const stored = (await messagesOf(roomId)).filter((item) => item.clientMessageId === 'b-race');
    expect(stored).toHaveLength(1);
    expect([...ids]).toEqual([stored[0].id]);
    // An attempt that raced an unfinished one is told to retry, never given a second message.
    for (const attempt of attempts.filter((a) => a.errors.length > 0)) {
      expect(attempt.errors.map((e) => e.errorType)).toEqual(['Conflict']);
    }
  });

  it('listMessages pages newest first with an opaque nextToken', async () => {
    const sentIds: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      sentIds.push((await ok('Mutation', 'sendMessage', { roomId, content: `m${n}`, clientMessageId: `page-${n}` }, as(alice))).id as string);
    }
    const all = (await messagesOf(roomId)).map((item) => item.id as string).sort().reverse();
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page = await ok('Query', 'listMessages', { roomId, limit: 3, nextToken }, as(bob));
      const items = page.items as Array<{ id: string }>;
      expect(items.length).toBeLessThanOrEqual(3);
      seen.push(...items.map((item) => item.id));
      nextToken = page.nextToken as string | null;
      pages += 1;
    } while (nextToken !== null && pages < 10);
    expect(seen).toEqual(all);
    expect(seen.slice(0, 5)).toEqual([...sentIds].reverse());
    // A token of this room does not page through another room.
    const tokenOfThisRoom = (await ok('Query', 'listMessages', { roomId, limit: 1 }, as(alice))).nextToken;
    const otherRoom = (await ok('Mutation', 'createRoom', { name: 'Other' }, as(alice))).id;
    expect(await failure('Query', 'listMessages', { roomId: otherRoom, nextToken: tokenOfThisRoom }, as(alice))).toEqual({
      message: 'nextToken is not a token of this room’s messages',
      errorType: 'ValidationError',
    });
    const firstPage = await ok('Query', 'listMessages', { roomId }, as(alice));
    expect((firstPage.items as unknown[]).length).toBe(all.length);
    expect(firstPage.nextToken).toBeNull();
  });

  it('editMessage lets only the sender edit, and never a deleted message', async () => {
    const sent = await ok('Mutation', 'sendMessage', { roomId, content: 'draft', clientMessageId: 'b-edit' }, as(bob));
    const edited = await ok('Mutation', 'editMessage', { roomId, messageId: sent.id, content: 'final' }, as(bob));
    expect(edited).toEqual({ ...sent, content: 'final', editedAt: expect.stringMatching(ISO_8601_UTC) });

    const before = await tableItems();
    expect(await failure('Mutation', 'editMessage', { roomId, messageId: sent.id, content: 'hijack' }, as(alice))).toEqual({
      message: 'Only the sender can edit this message',
      errorType: 'Unauthorized',
    });
    expect(await failure('Mutation', 'editMessage', { roomId, messageId: '01HZY3MB2C4D6E8F0G1H2J3K4M', content: 'x' }, as(bob))).toEqual({
      message: 'Message not found',
      errorType: 'NotFound',
    });
    expect(await failure('Mutation', 'deleteMessage', { roomId, messageId: sent.id }, as(alice))).toEqual({
      message: 'Only the sender or an admin can delete this message',
      errorType: 'Unauthorized',
    });
    expect(await tableItems()).toEqual(before);

    const deleted = await ok('Mutation', 'deleteMessage', { roomId, messageId: sent.id }, as(bob));
    expect(deleted).toEqual({ ...sent, content: '', deleted: true, editedAt: expect.stringMatching(ISO_8601_UTC) });
    expect(await failure('Mutation', 'editMessage', { roomId, messageId: sent.id, content: 'undo' }, as(bob))).toEqual({
      message: 'The message is deleted',
      errorType: 'Conflict',
    });
    expect(await ok('Mutation', 'deleteMessage', { roomId, messageId: sent.id }, as(bob))).toEqual(deleted);
    // A late retry of the original send returns the message as it is now, and stores nothing.
    const itemsBeforeRetry = await tableItems();
    expect(await ok('Mutation', 'sendMessage', { roomId, content: 'draft', clientMessageId: 'b-edit' }, as(bob))).toEqual(deleted);
    expect(await tableItems()).toEqual(itemsBeforeRetry);
  });

  it('admins (members of the room) and operators delete any message; operators read any room', async () => {
    const first = await ok('Mutation', 'sendMessage', { roomId, content: 'one', clientMessageId: 'a-del-1' }, as(alice));
    const second = await ok('Mutation', 'sendMessage', { roomId, content: 'two', clientMessageId: 'a-del-2' }, as(alice));
    expect(await failure('Mutation', 'deleteMessage', { roomId, messageId: first.id }, as(carolAdmin))).toEqual({
      message: 'Not a member of this room',
      errorType: 'Unauthorized',
    });
    await ok('Mutation', 'joinRoom', { roomId }, as(carolAdmin));
    expect(await ok('Mutation', 'deleteMessage', { roomId, messageId: first.id }, as(carolAdmin))).toMatchObject({ id: first.id, deleted: true, content: '' });
    expect(await ok('Mutation', 'deleteMessage', { roomId, messageId: second.id }, iamIdentity)).toMatchObject({ id: second.id, deleted: true, content: '' });
    expect(await ok('Query', 'getRoom', { roomId }, iamIdentity)).toMatchObject({ id: roomId });
    const page = await ok('Query', 'listMessages', { roomId, limit: 1 }, iamIdentity);
    expect(page.items).toEqual([expect.objectContaining({ id: second.id })]);
  });

  it('subscriptions filter to the room for members and can be invalidated for them', async () => {
    const out = await call('Subscription', 'onNewMessage', { roomId }, as(bob));
    expect(out.errors).toEqual([]);
    expect(out.data).toBeNull();
    expect(out.extensions.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'roomId', operator: 'eq', value: roomId }] }] });
    expect(out.extensions.subscriptionInvalidationFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'roomId', operator: 'eq', value: roomId }, { fieldName: 'userId', operator: 'eq', value: bob.sub }] }],
    });
  });

  it('leaveRoom and removeMember end the membership and invalidate the subscriptions', async () => {
    const left = await call('Mutation', 'leaveRoom', { roomId }, as(bob));
    expect(left.errors).toEqual([]);
    expect(left.extensions.invalidations).toEqual(subscriptionsEnded(roomId, bob.sub));
    expect(await failure('Query', 'listMessages', { roomId }, as(bob))).toEqual({ message: 'Not a member of this room', errorType: 'Unauthorized' });
    expect(await ok('Query', 'myRooms', {}, as(bob))).toEqual([]);

    const removed = await call('Mutation', 'removeMember', { roomId, userId: alice.sub }, iamIdentity);
    expect(removed.errors).toEqual([]);
    expect(removed.extensions.invalidations).toEqual(subscriptionsEnded(roomId, alice.sub));
    expect(await failure('Subscription', 'onNewMessage', { roomId }, as(alice))).toEqual({ message: 'Not a member of this room', errorType: 'Unauthorized' });
  });

  describe('bad input changes nothing', () => {
    const longText = 'x'.repeat(2001);
    const cases: Array<[string, string, string, (roomId: string) => Record<string, unknown>, string, string]> = [
      ['sendMessage: empty content', 'Mutation', 'sendMessage', (r) => ({ roomId: r, content: '', clientMessageId: 'bad-1' }), 'content must not be empty', 'ValidationError'],
      ['sendMessage: whitespace content', 'Mutation', 'sendMessage', (r) => ({ roomId: r, content: ' \n\t ', clientMessageId: 'bad-2' }), 'content must not be empty', 'ValidationError'],
      ['sendMessage: content over 2,000', 'Mutation', 'sendMessage', (r) => ({ roomId: r, content: longText, clientMessageId: 'bad-3' }), 'content must be at most 2000 characters', 'ValidationError'],
      ['sendMessage: malformed roomId', 'Mutation', 'sendMessage', () => ({ roomId: 'room-1', content: 'hi', clientMessageId: 'bad-4' }), 'roomId must be a ULID (26 characters of Crockford base32)', 'ValidationError'],
      ['sendMessage: malformed clientMessageId', 'Mutation', 'sendMessage', (r) => ({ roomId: r, content: 'hi', clientMessageId: 'a#b' }), 'clientMessageId must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -', 'ValidationError'],
      ['sendMessage: unknown room', 'Mutation', 'sendMessage', () => ({ roomId: '01HZY3M9Q6B8J4K2N7P5R3T1VW', content: 'hi', clientMessageId: 'bad-5' }), 'Room not found', 'NotFound'],
      ['editMessage: malformed messageId', 'Mutation', 'editMessage', (r) => ({ roomId: r, messageId: 'm-1', content: 'hi' }), 'messageId must be a ULID (26 characters of Crockford base32)', 'ValidationError'],
      ['editMessage: empty content', 'Mutation', 'editMessage', (r) => ({ roomId: r, messageId: '01HZY3MB2C4D6E8F0G1H2J3K4M', content: '  ' }), 'content must not be empty', 'ValidationError'],
      ['deleteMessage: malformed roomId', 'Mutation', 'deleteMessage', () => ({ roomId: '', messageId: '01HZY3MB2C4D6E8F0G1H2J3K4M' }), 'roomId must be a ULID (26 characters of Crockford base32)', 'ValidationError'],
      ['createRoom: blank name', 'Mutation', 'createRoom', () => ({ name: '   ' }), 'name must not be empty', 'ValidationError'],
      ['createRoom: name over 100', 'Mutation', 'createRoom', () => ({ name: 'n'.repeat(101) }), 'name must be at most 100 characters', 'ValidationError'],
      ['listMessages: limit 0', 'Query', 'listMessages', (r) => ({ roomId: r, limit: 0 }), 'limit must be between 1 and 100', 'ValidationError'],
      ['listMessages: limit 101', 'Query', 'listMessages', (r) => ({ roomId: r, limit: 101 }), 'limit must be between 1 and 100', 'ValidationError'],
      ['listMessages: a forged nextToken', 'Query', 'listMessages', (r) => ({ roomId: r, nextToken: 'v1.eyJrIjp7fX0.forged' }), 'nextToken is not a token of this room’s messages', 'ValidationError'],
      ['joinRoom: malformed roomId', 'Mutation', 'joinRoom', () => ({ roomId: 'x' }), 'roomId must be a ULID (26 characters of Crockford base32)', 'ValidationError'],
      ['removeMember: malformed userId', 'Mutation', 'removeMember', (r) => ({ roomId: r, userId: 'user#1' }), 'userId must be 1 to 128 characters of A-Z, a-z, 0-9, _ and -', 'ValidationError'],
      ['unbanMember: malformed roomId', 'Mutation', 'unbanMember', () => ({ roomId: 'x', userId: 'u-1' }), 'roomId must be a ULID (26 characters of Crockford base32)', 'ValidationError'],
      ['unbanMember: malformed userId', 'Mutation', 'unbanMember', (r) => ({ roomId: r, userId: '' }), 'userId must be 1 to 128 characters of A-Z, a-z, 0-9, _ and -', 'ValidationError'],
      ['unbanMember: unknown room', 'Mutation', 'unbanMember', () => ({ roomId: '01HZY3M9Q6B8J4K2N7P5R3T1VW', userId: 'u-1' }), 'Room not found', 'NotFound'],
    ];

    let activeRoom: string;
    beforeAll(async () => {
      activeRoom = (await ok('Mutation', 'createRoom', { name: 'Validation' }, as(dave))).id as string;
    });

    it.each(cases)('%s', async (_case, typeName, fieldName, args, message, errorType) => {
      const before = await tableItems();
      expect(await failure(typeName, fieldName, args(activeRoom), as(dave))).toEqual({ message, errorType });
      expect(await tableItems()).toEqual(before);
    });
  });
});

/**
 * removeMember must stick (issue 8): the removed user stays out of the room (no join, no reads,
 * no sends, no subscriptions) until an Admin of the room, or an operator, unbans them; unbanning
 * lets them join again and does not make them a member by itself.
 */
describe('removeMember bans until unbanMember', () => {
  const erinAdmin: User = { sub: '6a1c5e2e-1b7f-4e5b-9d43-0c9a3f1e0005', username: 'erin', groups: ['Admins'] };
  const removed = { message: 'Removed from this room; an Admin must unban you before you can join again', errorType: 'Unauthorized' };
  const notMember = { message: 'Not a member of this room', errorType: 'Unauthorized' };
  let roomId: string;

  /** The API as the twin serves it: the schema's auth directives in front of the same pipelines. */
  function graphqlApi() {
    return createGraphQLApi({
      schema: loadApiSchema(),
      resolverFields: resolverFieldKeys(),
      env: { TABLE_NAME: db.tableName },
      runResolver: createPipelineRunner(createDataSourceInvoker({ dataSources, dynamodb: { client: db.client, tableName: db.tableName } })),
    });
  }

  beforeAll(async () => {
    roomId = (await ok('Mutation', 'createRoom', { name: 'Moderated' }, as(carolAdmin))).id as string;
    await ok('Mutation', 'joinRoom', { roomId }, as(bob));
    await ok('Mutation', 'joinRoom', { roomId }, as(alice));
    await ok('Mutation', 'sendMessage', { roomId, content: 'before', clientMessageId: 'ban-1' }, as(bob));
  });

  it('removes the member and keeps them out of every room-scoped field; each refusal changes nothing', async () => {
    const out = await call('Mutation', 'removeMember', { roomId, userId: bob.sub }, as(carolAdmin));
    expect(out.errors).toEqual([]);
    expect(out.extensions.invalidations).toEqual(subscriptionsEnded(roomId, bob.sub));
    await ok('Mutation', 'sendMessage', { roomId, content: 'after the removal', clientMessageId: 'ban-2' }, as(carolAdmin));

    const before = await tableItems();
    expect(await failure('Mutation', 'joinRoom', { roomId }, as(bob))).toEqual(removed);
    expect(await failure('Query', 'listMessages', { roomId }, as(bob))).toEqual(notMember);
    expect(await failure('Query', 'getRoom', { roomId }, as(bob))).toEqual(notMember);
    expect(await failure('Mutation', 'sendMessage', { roomId, content: 'let me in', clientMessageId: 'ban-3' }, as(bob))).toEqual(notMember);
    expect(await failure('Subscription', 'onNewMessage', { roomId }, as(bob))).toEqual(notMember);
    expect(await failure('Subscription', 'onMessageChanged', { roomId }, as(bob))).toEqual(notMember);
    expect(await failure('Mutation', 'leaveRoom', { roomId }, as(bob))).toEqual(notMember);
    expect(await ok('Query', 'myRooms', {}, as(bob))).toEqual([]);
    expect(await tableItems()).toEqual(before);
  });

  it('records who banned whom and when; removing again keeps one ban', async () => {
    const ban = (await tableItems()).find((item) => item.PK === `ROOM#${roomId}` && item.SK === `BAN#${bob.sub}`);
    expect(ban).toEqual({ PK: `ROOM#${roomId}`, SK: `BAN#${bob.sub}`, roomId, userId: bob.sub, bannedBy: carolAdmin.sub, bannedAt: expect.stringMatching(ISO_8601_UTC) });
    await ok('Mutation', 'removeMember', { roomId, userId: bob.sub }, iamIdentity);
    const bans = (await tableItems()).filter((item) => item.PK === `ROOM#${roomId}` && item.SK === `BAN#${bob.sub}`);
    expect(bans).toEqual([{ ...ban, bannedBy: iamIdentity.userArn, bannedAt: expect.stringMatching(ISO_8601_UTC) }]);
  });

  it('bans a user who is not a member yet (a pre-emptive ban)', async () => {
    await ok('Mutation', 'removeMember', { roomId, userId: dave.sub }, as(carolAdmin));
    const before = await tableItems();
    expect(await failure('Mutation', 'joinRoom', { roomId }, as(dave))).toEqual(removed);
    expect(await tableItems()).toEqual(before);
  });

  it('is refused to a Member (schema: Admins and IAM only) and to an Admin outside the room; the table is unchanged', async () => {
    const api = graphqlApi();
    const before = await tableItems();
    const unban = 'mutation ($roomId: ID!, $userId: String!) { unbanMember(roomId: $roomId, userId: $userId) { id } }';
    const byMember = await api.execute({
      query: unban,
      variables: { roomId, userId: bob.sub },
      caller: { mode: 'userPool', groups: ['Members'] },
      identity: as(alice),
      headers: {},
    });
    // AppSync's answer to a field the caller's groups do not reach (reference: realtime-and-amplify §2).
    expect(byMember).toEqual({
      data: null,
      errors: [expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access unbanMember on type Mutation' })],
    });
    expect(await failure('Mutation', 'unbanMember', { roomId, userId: bob.sub }, as(erinAdmin))).toEqual(notMember);
    expect(await failure('Mutation', 'joinRoom', { roomId }, as(bob))).toEqual(removed);
    expect(await tableItems()).toEqual(before);
  });

  it('unbanMember lets the user join again (it does not join them), and they read the whole history', async () => {
    expect(await ok('Mutation', 'unbanMember', { roomId, userId: bob.sub }, as(carolAdmin))).toMatchObject({ id: roomId, name: 'Moderated' });
    expect((await tableItems()).filter((item) => item.PK === `ROOM#${roomId}` && String(item.SK).endsWith(bob.sub))).toEqual([]);
    expect(await failure('Query', 'listMessages', { roomId }, as(bob))).toEqual(notMember);
    // Unbanning again is not an error (a retried request gets the same answer).
    const afterUnban = await tableItems();
    expect(await ok('Mutation', 'unbanMember', { roomId, userId: bob.sub }, as(carolAdmin))).toMatchObject({ id: roomId });
    expect(await tableItems()).toEqual(afterUnban);

    expect(await ok('Mutation', 'joinRoom', { roomId }, as(bob))).toMatchObject({ id: roomId });
    const page = await ok('Query', 'listMessages', { roomId }, as(bob));
    expect((page.items as Array<{ content: string }>).map((item) => item.content)).toEqual(['after the removal', 'before']);
    await ok('Mutation', 'sendMessage', { roomId, content: 'back', clientMessageId: 'ban-4' }, as(bob));
  });

  it('operators (IAM) unban without being members', async () => {
    expect(await ok('Mutation', 'unbanMember', { roomId, userId: dave.sub }, iamIdentity)).toMatchObject({ id: roomId });
    expect(await ok('Mutation', 'joinRoom', { roomId }, as(dave))).toMatchObject({ id: roomId });
  });

  it('a removal racing a join leaves no member behind once it succeeded', async () => {
    const retry = { message: 'The membership is being changed by another request; retry', errorType: 'Conflict' };
    const errorsOf = (outcome: PipelineResult) => outcome.errors.map((e) => ({ message: e.message, errorType: e.errorType }));
    await ok('Mutation', 'removeMember', { roomId, userId: alice.sub }, as(carolAdmin));
    for (let round = 0; round < 10; round += 1) {
      // Each round starts with alice neither a member nor banned.
      await ok('Mutation', 'unbanMember', { roomId, userId: alice.sub }, as(carolAdmin));
      const [join, remove] = await Promise.all([
        call('Mutation', 'joinRoom', { roomId }, as(alice)),
        call('Mutation', 'removeMember', { roomId, userId: alice.sub }, as(carolAdmin)),
      ]);
      const aliceItems = (await tableItems()).filter((item) => item.PK === `ROOM#${roomId}` && String(item.SK).endsWith(alice.sub)).map((item) => item.SK);
      expect([[], [removed], [retry]]).toContainEqual(errorsOf(join));
      expect([[], [retry]]).toContainEqual(errorsOf(remove));
      // Whichever ran first, a removal that succeeded leaves the ban and no membership.
      if (remove.errors.length === 0) expect(aliceItems).toEqual([`BAN#${alice.sub}`]);
      else expect(aliceItems).toEqual(join.errors.length === 0 ? [`MEMBER#${alice.sub}`] : []);
    }
  });
});
