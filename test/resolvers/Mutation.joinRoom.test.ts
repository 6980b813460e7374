import { bundleResolver } from '../../resolvers/bundle';
import { BAD_ULIDS, ISO_8601_UTC, ROOM_ID, bob, cognitoIdentity, context, evaluate, room } from './helpers';

const code = bundleResolver('Mutation', 'joinRoom');

describe('Mutation.joinRoom', () => {
  it('stashes the server time of joining', async () => {
    const out = await evaluate(code, 'request', context({ typeName: 'Mutation', fieldName: 'joinRoom', args: { roomId: ROOM_ID }, identity: cognitoIdentity(bob) }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
    expect(out.stash).toEqual({ now: expect.stringMatching(ISO_8601_UTC) });
  });

  it.each(BAD_ULIDS)('rejects a roomId that is %s with ValidationError and writes nothing', async (_why, roomId) => {
    const out = await evaluate(code, 'request', context({ typeName: 'Mutation', fieldName: 'joinRoom', args: { roomId }, identity: cognitoIdentity(bob) }));
    expect(out.errorMessage).toBe('roomId must be a ULID (26 characters of Crockford base32)');
    expect(out.errorType).toBe('ValidationError');
    expect(out.stash).toEqual({});
  });

  it('returns the room', async () => {
    const ctx = context({ typeName: 'Mutation', fieldName: 'joinRoom', args: { roomId: ROOM_ID }, identity: cognitoIdentity(bob), prev: { result: room } });
    const out = await evaluate(code, 'response', ctx);
    expect(out.result).toEqual(room);
  });
});
