/**
 * Subscription.onTyping: typing signals of the room's other members, for its members only. The enhanced
 * filter keeps the room's events whose userId is not the subscriber's, so nobody sees their own
 * signals; the invalidation filter on (roomId, subscriber) ends it when the
 * membership ends. Returns null as AppSync requires.
 * Pipeline: requireMembership (BatchGetItem).
 */
import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnTypingArgs } from './generated/graphql';
import { callerId } from './lib/caller';
import { filterToRoomFromOthers } from './lib/roomSubscription';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<SubscriptionOnTypingArgs>) {
  requireUlid('roomId', ctx.args.roomId);
  return {};
}

export function response(ctx: Context<SubscriptionOnTypingArgs>) {
  filterToRoomFromOthers(ctx.args.roomId, callerId(ctx));
  return null;
}
