import { bundleResolver } from '../../resolvers/bundle';
import { EARLIER, ROOM_ID, alice, cognitoIdentity, context, evaluate } from './helpers';

const code = bundleResolver('Query', 'myRooms');

describe('Query.myRooms', () => {
  it('has nothing to check before the query', async () => {
    const out = await evaluate(code, 'request', context({ typeName: 'Query', fieldName: 'myRooms', args: {}, identity: cognitoIdentity(alice) }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
    expect(out.stash).toEqual({});
  });

  it('returns the rooms of the last step', async () => {
    const rooms = [{ id: ROOM_ID, name: 'General', createdBy: alice.sub, createdAt: EARLIER }];
    const ctx = context({ typeName: 'Query', fieldName: 'myRooms', args: {}, identity: cognitoIdentity(alice), prev: { result: rooms } as unknown as Record<string, unknown> });
    const out = await evaluate(code, 'response', ctx);
    expect(out.result).toEqual(rooms);
  });
});
