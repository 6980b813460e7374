/**
 * Mutation.unbanMember: Admins (who must be members of the room) and operators lift the ban
 * removeMember set, so the user may join the room again; it does not make them a member.
 * Pipeline: requireMembership (BatchGetItem) -> deleteBan (DeleteItem).
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationUnbanMemberArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireUlid, requireUserId } from './lib/validate';

export function request(ctx: Context<MutationUnbanMemberArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  ctx.stash.bannedUserId = requireUserId(ctx.args.userId);
  return {};
}

export function response(ctx: Context<MutationUnbanMemberArgs, ChatStash>) {
  return ctx.prev.result;
}
