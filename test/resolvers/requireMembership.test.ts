import { bundleFunction } from '../../resolvers/bundle';
import {
  ROOM_ID,
  TABLE_NAME,
  alice,
  bob,
  carolAdmin,
  cognitoIdentity,
  context,
  dave,
  evaluate,
  iamIdentity,
  memberItem,
  room,
  roomItem,
  throttled,
  type User,
} from './helpers';

const code = bundleFunction('requireMembership');

function membershipContext(identity: Record<string, unknown>, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({ typeName: 'Query', fieldName: 'listMessages', args: { roomId: ROOM_ID }, identity, ...extra });
}

const roomKey = { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: 'META' } };
const memberKey = (user: User) => ({ PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MEMBER#${user.sub}` } });

describe('functions/requireMembership request', () => {
  it.each([
    ['a member', alice],
    ['an admin', carolAdmin],
    ['a user in no group', dave],
  ])('reads the room and the membership of %s in one consistent batch', async (_who, user) => {
    const out = await evaluate(code, 'request', membershipContext(cognitoIdentity(user)));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({
      operation: 'BatchGetItem',
      tables: { [TABLE_NAME]: { keys: [roomKey, memberKey(user)], consistentRead: true } },
    });
  });

  it('reads only the room for an operator (IAM), who needs no membership', async () => {
    const out = await evaluate(code, 'request', membershipContext(iamIdentity));
    expect(out.result).toEqual({ operation: 'BatchGetItem', tables: { [TABLE_NAME]: { keys: [roomKey], consistentRead: true } } });
  });
});

function batchResult(items: unknown[]) {
  return { data: { [TABLE_NAME]: items }, unprocessedKeys: { [TABLE_NAME]: [] } };
}

describe('functions/requireMembership response', () => {
  it.each([
    ['a member', alice],
    ['an admin who is a member', carolAdmin],
  ])('lets %s through and stashes the room', async (_who, user) => {
    const out = await evaluate(code, 'response', membershipContext(cognitoIdentity(user), { result: batchResult([roomItem(), memberItem(user)]) }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
    expect(out.stash).toEqual({ room });
  });

  it('finds the items whatever order the batch returns them in', async () => {
    const out = await evaluate(code, 'response', membershipContext(cognitoIdentity(bob), { result: batchResult([memberItem(bob), roomItem()]) }));
    expect(out.result).toEqual(room);
  });

  it('lets an operator (IAM) read any existing room', async () => {
    const out = await evaluate(code, 'response', membershipContext(iamIdentity, { result: batchResult([roomItem()]) }));
    expect(out.result).toEqual(room);
  });

  it.each([
    ['a non-member', bob, [roomItem(), null]],
    ['a non-member (missing entry left out)', bob, [roomItem()]],
    ['an admin who is not a member', carolAdmin, [roomItem(), null]],
    ['a user in no group', dave, [roomItem(), null]],
    ['someone holding another user’s membership', bob, [roomItem(), memberItem(alice)]],
  ])('refuses %s with Unauthorized', async (_who, user, items) => {
    const out = await evaluate(code, 'response', membershipContext(cognitoIdentity(user), { result: batchResult(items) }));
    expect(out.errorMessage).toBe('Not a member of this room');
    expect(out.errorType).toBe('Unauthorized');
    expect(out.result).toBeUndefined();
  });

  it.each([
    ['a user', cognitoIdentity(alice), [null, null]],
    ['a user (empty batch)', cognitoIdentity(alice), []],
    ['an operator', iamIdentity, [null]],
  ])('answers NotFound to %s for an unknown room', async (_who, identity, items) => {
    const out = await evaluate(code, 'response', membershipContext(identity, { result: batchResult(items) }));
    expect(out.errorMessage).toBe('Room not found');
    expect(out.errorType).toBe('NotFound');
  });

  it('refuses to guess when DynamoDB left keys unprocessed', async () => {
    const result = { data: { [TABLE_NAME]: [roomItem(), null] }, unprocessedKeys: { [TABLE_NAME]: [memberKey(alice)] } };
    const out = await evaluate(code, 'response', membershipContext(cognitoIdentity(alice), { result }));
    expect(out.errorMessage).toBe('The membership check could not be completed; retry the request');
    expect(out.errorType).toBe('Throttled');
  });

  it('passes on a DynamoDB error with its type', async () => {
    const out = await evaluate(code, 'response', membershipContext(cognitoIdentity(alice), { error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
