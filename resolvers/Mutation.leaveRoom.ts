/**
 * Mutation.leaveRoom: the caller stops being a member; their subscriptions to the room end.
 * Pipeline: requireMembership (BatchGetItem) -> removeMembership (DeleteItem).
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationLeaveRoomArgs } from './generated/graphql';
import { callerId } from './lib/caller';
import { invalidateRoomSubscriptions } from './lib/invalidate';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<MutationLeaveRoomArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  ctx.stash.memberUserId = callerId(ctx);
  return {};
}

export function response(ctx: Context<MutationLeaveRoomArgs, ChatStash>) {
  invalidateRoomSubscriptions(ctx.args.roomId, ctx.stash.memberUserId!);
  return ctx.prev.result;
}
