import { bundleResolver } from '../../resolvers/bundle';
import { BAD_ULIDS, ROOM_ID, alice, cognitoIdentity, context, evaluate, iamIdentity, room } from './helpers';

const code = bundleResolver('Query', 'getRoom');

describe('Query.getRoom', () => {
  it.each([
    ['a member', cognitoIdentity(alice)],
    ['an operator (IAM)', iamIdentity],
  ])('lets %s through to the membership check', async (_who, identity) => {
    const out = await evaluate(code, 'request', context({ typeName: 'Query', fieldName: 'getRoom', args: { roomId: ROOM_ID }, identity }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
  });

  it.each(BAD_ULIDS)('rejects a roomId that is %s with ValidationError', async (_why, roomId) => {
    const out = await evaluate(code, 'request', context({ typeName: 'Query', fieldName: 'getRoom', args: { roomId }, identity: cognitoIdentity(alice) }));
    expect(out.errorMessage).toBe('roomId must be a ULID (26 characters of Crockford base32)');
    expect(out.errorType).toBe('ValidationError');
    expect(out.stash).toEqual({});
  });

  it('returns the room found by requireMembership', async () => {
    const ctx = context({ typeName: 'Query', fieldName: 'getRoom', args: { roomId: ROOM_ID }, identity: cognitoIdentity(alice), prev: { result: room }, stash: { room } });
    const out = await evaluate(code, 'response', ctx);
    expect(out.result).toEqual(room);
  });
});
