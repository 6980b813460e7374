/**
 * Mutation.removeMember: Admins (who must be members of the room) and operators end another
 * user's membership and ban them from the room until unbanMember; that user's subscriptions to
 * the room end. A user who is not a member is banned all the same (a pre-emptive ban).
 * Pipeline: requireMembership (BatchGetItem) -> banMember (TransactWriteItems).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationRemoveMemberArgs } from './generated/graphql';
import { invalidateRoomSubscriptions } from './lib/invalidate';
import type { ChatStash } from './lib/stash';
import { requireUlid, requireUserId } from './lib/validate';

export function request(ctx: Context<MutationRemoveMemberArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  ctx.stash.memberUserId = requireUserId(ctx.args.userId);
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context<MutationRemoveMemberArgs, ChatStash>) {
  invalidateRoomSubscriptions(ctx.args.roomId, ctx.stash.memberUserId!);
  return ctx.prev.result;
}
