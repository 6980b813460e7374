/**
 * Mutation.inviteMember: a member of the room (any group) or an operator invites a user, who may
 * then join the room even when it is private (acceptInvite or joinRoom). The user id is not
 * looked up in the user pool: an invitation for nobody is never used.
 * Pipeline: requireMembership (BatchGetItem) -> putInvitation (TransactWriteItems).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationInviteMemberArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireUlid, requireUserId } from './lib/validate';

export function request(ctx: Context<MutationInviteMemberArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  ctx.stash.invitedUserId = requireUserId(ctx.args.userId);
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context<MutationInviteMemberArgs, ChatStash>) {
  return ctx.prev.result;
}
