/**
 * Subscription.onNewMessage: new messages in one room, for its members only. Sets an enhanced filter on
 * roomId and an invalidation filter on (roomId, subscriber), and returns null as AppSync requires.
 * Pipeline: requireMembership (BatchGetItem).
 */
import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnNewMessageArgs } from './generated/graphql';
import { callerId } from './lib/caller';
import { filterToRoom } from './lib/roomSubscription';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<SubscriptionOnNewMessageArgs>) {
  requireUlid('roomId', ctx.args.roomId);
  return {};
}

export function response(ctx: Context<SubscriptionOnNewMessageArgs>) {
  filterToRoom(ctx.args.roomId, callerId(ctx));
  return null;
}
