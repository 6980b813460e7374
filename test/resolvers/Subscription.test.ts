/**
 * The room subscriptions onNewMessage, onMessageChanged and onPresence behave the same (onTyping
 * also filters out the subscriber's own signals: Subscription.onTyping.test.ts): the roomId is
 * checked, requireMembership admits members only, and the after handler filters events to the
 * room and sets the invalidation filter that leaveRoom / removeMember match.
 */
import { bundleResolver } from '../../resolvers/bundle';
import { BAD_ULIDS, ROOM_ID, bob, carolAdmin, cognitoIdentity, context, evaluate, room, type User } from './helpers';

describe.each(['onNewMessage', 'onMessageChanged', 'onPresence'])('Subscription.%s', (fieldName) => {
  const code = bundleResolver('Subscription', fieldName);

  function subscribeContext(args: Record<string, unknown>, user: User, extra: { stash?: Record<string, unknown>; prev?: Record<string, unknown> } = {}) {
    return context({ typeName: 'Subscription', fieldName, args, identity: cognitoIdentity(user), ...extra });
  }

  it('passes a well-formed roomId on to the membership check', async () => {
    const out = await evaluate(code, 'request', subscribeContext({ roomId: ROOM_ID }, bob));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
  });

  it.each(BAD_ULIDS)('rejects a roomId that is %s with ValidationError', async (_why, roomId) => {
    const out = await evaluate(code, 'request', subscribeContext({ roomId }, bob));
    expect(out.errorMessage).toBe('roomId must be a ULID (26 characters of Crockford base32)');
    expect(out.errorType).toBe('ValidationError');
    expect(out.stash).toEqual({});
  });

  it.each([
    ['a member', bob],
    ['an admin who is a member', carolAdmin],
  ])('filters events to the room, can be invalidated for (room, subscriber), returns null: %s', async (_who, user) => {
    const out = await evaluate(code, 'response', subscribeContext({ roomId: ROOM_ID }, user, { stash: { room }, prev: { result: room } }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toBeNull();
    expect(out.extensions.subscriptionFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'roomId', operator: 'eq', value: ROOM_ID }] }],
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
    expect(out.extensions.invalidations).toEqual([]);
  });
});
