/**
 * Subscription.onTyping: members only (requireMembership), and the enhanced filter keeps the
 * room's typing events whose userId is not the subscriber's, so nobody sees their own signals.
 */
import { bundleResolver } from '../../resolvers/bundle';
import { BAD_ULIDS, ROOM_ID, bob, carolAdmin, cognitoIdentity, context, evaluate, room, type User } from './helpers';

const code = bundleResolver('Subscription', 'onTyping');

function subscribeContext(args: Record<string, unknown>, user: User, extra: { stash?: Record<string, unknown>; prev?: Record<string, unknown> } = {}) {
  return context({ typeName: 'Subscription', fieldName: 'onTyping', args, identity: cognitoIdentity(user), ...extra });
}

describe('Subscription.onTyping', () => {
  it.each(BAD_ULIDS)('rejects a roomId that is %s with ValidationError', async (_why, roomId) => {
    const out = await evaluate(code, 'request', subscribeContext({ roomId }, bob));
    expect(out.errorMessage).toBe('roomId must be a ULID (26 characters of Crockford base32)');
    expect(out.errorType).toBe('ValidationError');
  });

  it.each([
    ['a member', bob],
    ['an admin who is a member', carolAdmin],
  ])('filters to the room and away from the subscriber’s own signals, and ends with the membership: %s', async (_who, user) => {
    const out = await evaluate(code, 'response', subscribeContext({ roomId: ROOM_ID }, user, { stash: { room }, prev: { result: room } }));
    expect(out.result).toBeNull();
    expect(out.extensions.subscriptionFilter).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'roomId', operator: 'eq', value: ROOM_ID },
            { fieldName: 'userId', operator: 'ne', value: user.sub },
          ],
        },
      ],
    });
    expect(out.extensions.subscriptionInvalidationFilter).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'roomId', operator: 'eq', value: ROOM_ID },
            { fieldName: 'userId', operator: 'eq', value: user.sub },
          ],
        },
      ],
    });
  });
});
