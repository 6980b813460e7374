import { bundleResolver } from '../../resolvers/bundle';
import { BAD_ULIDS, ROOM_ID, bob, cognitoIdentity, context, evaluate, room, subscriptionsEnded } from './helpers';

const code = bundleResolver('Mutation', 'leaveRoom');

describe('Mutation.leaveRoom', () => {
  it('ends the caller’s own membership, whatever the arguments say', async () => {
    const out = await evaluate(code, 'request', context({ typeName: 'Mutation', fieldName: 'leaveRoom', args: { roomId: ROOM_ID, userId: 'someone-else' }, identity: cognitoIdentity(bob) }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
    expect(out.stash).toEqual({ memberUserId: bob.sub });
  });

  it.each(BAD_ULIDS)('rejects a roomId that is %s with ValidationError and changes nothing', async (_why, roomId) => {
    const out = await evaluate(code, 'request', context({ typeName: 'Mutation', fieldName: 'leaveRoom', args: { roomId }, identity: cognitoIdentity(bob) }));
    expect(out.errorMessage).toBe('roomId must be a ULID (26 characters of Crockford base32)');
    expect(out.errorType).toBe('ValidationError');
    expect(out.stash).toEqual({});
  });

  it('returns the room and ends the caller’s subscriptions to it', async () => {
    const ctx = context({
      typeName: 'Mutation',
      fieldName: 'leaveRoom',
      args: { roomId: ROOM_ID },
      identity: cognitoIdentity(bob),
      stash: { room, memberUserId: bob.sub },
      prev: { result: room },
    });
    const out = await evaluate(code, 'response', ctx);
    expect(out.result).toEqual(room);
    expect(out.extensions.invalidations).toEqual(subscriptionsEnded(ROOM_ID, bob.sub));
  });
});
