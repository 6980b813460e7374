import { bundleFunction } from '../../resolvers/bundle';
import { ROOM_ID, alice, bob, carolAdmin, cognitoIdentity, context, evaluate, iamIdentity, memberItem, room, throttled } from './helpers';

const code = bundleFunction('removeMembership');

function removeContext(identity: Record<string, unknown>, memberUserId: string, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({ typeName: 'Mutation', fieldName: 'removeMember', args: { roomId: ROOM_ID, userId: memberUserId }, identity, stash: { room, memberUserId }, ...extra });
}

describe('functions/removeMembership', () => {
  it.each([
    ['the caller leaving', cognitoIdentity(bob), bob.sub],
    ['an admin removing a member', cognitoIdentity(carolAdmin), bob.sub],
    ['an operator removing a member', iamIdentity, alice.sub],
  ])('deletes the membership of stash.memberUserId: %s', async (_case, identity, userId) => {
    const out = await evaluate(code, 'request', removeContext(identity, userId));
    expect(out.result).toEqual({ operation: 'DeleteItem', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MEMBER#${userId}` } } });
  });

  it.each([
    ['the deleted membership', memberItem(bob)],
    ['nothing, when it was already gone', null],
  ])('returns the room whether DynamoDB returns %s', async (_case, result) => {
    const out = await evaluate(code, 'response', removeContext(cognitoIdentity(bob), bob.sub, { result }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
  });

  it('passes on DynamoDB errors with their type', async () => {
    const out = await evaluate(code, 'response', removeContext(cognitoIdentity(bob), bob.sub, { error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
