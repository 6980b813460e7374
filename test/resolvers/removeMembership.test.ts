import { bundleFunction } from '../../resolvers/bundle';
import { ROOM_ID, bob, cognitoIdentity, context, evaluate, memberItem, room, throttled } from './helpers';

const code = bundleFunction('removeMembership');

function leaveContext(identity: Record<string, unknown>, memberUserId: string, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({ typeName: 'Mutation', fieldName: 'leaveRoom', args: { roomId: ROOM_ID }, identity, stash: { room, memberUserId }, ...extra });
}

describe('functions/removeMembership', () => {
  it('deletes the membership of stash.memberUserId (the caller leaving)', async () => {
    const out = await evaluate(code, 'request', leaveContext(cognitoIdentity(bob), bob.sub));
    expect(out.result).toEqual({ operation: 'DeleteItem', key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `MEMBER#${bob.sub}` } } });
  });

  it.each([
    ['the deleted membership', memberItem(bob)],
    ['nothing, when it was already gone', null],
  ])('returns the room whether DynamoDB returns %s', async (_case, result) => {
    const out = await evaluate(code, 'response', leaveContext(cognitoIdentity(bob), bob.sub, { result }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
  });

  it('passes on DynamoDB errors with their type', async () => {
    const out = await evaluate(code, 'response', leaveContext(cognitoIdentity(bob), bob.sub, { error: throttled, result: null }));
    expect(out.errorMessage).toBe(throttled.message);
    expect(out.errorType).toBe(throttled.type);
  });
});
