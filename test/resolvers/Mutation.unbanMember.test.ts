import { bundleResolver } from '../../resolvers/bundle';
import { BAD_ULIDS, BAD_USER_IDS, ROOM_ID, bob, carolAdmin, cognitoIdentity, context, evaluate, iamIdentity, room } from './helpers';

const code = bundleResolver('Mutation', 'unbanMember');

function unbanContext(args: Record<string, unknown>, identity = cognitoIdentity(carolAdmin)) {
  return context({ typeName: 'Mutation', fieldName: 'unbanMember', args, identity });
}

describe('Mutation.unbanMember before handler', () => {
  it.each([
    ['an admin', cognitoIdentity(carolAdmin)],
    ['an operator (IAM)', iamIdentity],
  ])('names the user whose ban ends for %s', async (_who, identity) => {
    const out = await evaluate(code, 'request', unbanContext({ roomId: ROOM_ID, userId: bob.sub }, identity));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
    expect(out.stash).toEqual({ bannedUserId: bob.sub });
  });

  const badInputs: Array<[string, Record<string, unknown>, string]> = [
    ...BAD_ULIDS.map(([why, roomId]): [string, Record<string, unknown>, string] => [
      `roomId: ${why}`,
      { roomId, userId: bob.sub },
      'roomId must be a ULID (26 characters of Crockford base32)',
    ]),
    ...BAD_USER_IDS.map(([why, userId]): [string, Record<string, unknown>, string] => [
      `userId: ${why}`,
      { roomId: ROOM_ID, userId },
      'userId must be 1 to 128 characters of A-Z, a-z, 0-9, _ and -',
    ]),
  ];

  it.each(badInputs)('rejects %s with ValidationError and changes nothing', async (_case, args, message) => {
    const out = await evaluate(code, 'request', unbanContext(args));
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe('ValidationError');
    expect(out.result).toBeUndefined();
    expect(out.stash).toEqual({});
  });
});

describe('Mutation.unbanMember after handler', () => {
  it('returns the room and ends no subscription (the user is not a member)', async () => {
    const ctx = context({
      typeName: 'Mutation',
      fieldName: 'unbanMember',
      args: { roomId: ROOM_ID, userId: bob.sub },
      identity: cognitoIdentity(carolAdmin),
      stash: { room, bannedUserId: bob.sub },
      prev: { result: room },
    });
    const out = await evaluate(code, 'response', ctx);
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual(room);
    expect(out.extensions.invalidations).toEqual([]);
  });
});
