/**
 * Subscription.onPresence: heartbeats in one room, for its members only. Sets an enhanced filter on roomId; the invalidation filter on (roomId, subscriber) ends it when the
 * membership ends. Returns null as AppSync requires.
 * Pipeline: requireMembership (BatchGetItem).
 */
import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnPresenceArgs } from './generated/graphql';
import { callerId } from './lib/caller';
import { filterToRoom } from './lib/roomSubscription';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<SubscriptionOnPresenceArgs>) {
  requireUlid('roomId', ctx.args.roomId);
  return {};
}

export function response(ctx: Context<SubscriptionOnPresenceArgs>) {
  filterToRoom(ctx.args.roomId, callerId(ctx));
  return null;
}
