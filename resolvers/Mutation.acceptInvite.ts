/**
 * Mutation.acceptInvite: the caller joins a room they are invited to (public or private) and the
 * invitation is used up; a ban refuses it as it refuses joinRoom. Accepting again once a member
 * is not an error.
 * Pipeline: requireRoom (GetItem) -> addMember (TransactWriteItems: ban check + MEMBER put +
 *   INVITE delete).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationAcceptInviteArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<MutationAcceptInviteArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  ctx.stash.now = util.time.nowISO8601();
  ctx.stash.needsInvitation = true;
  return {};
}

export function response(ctx: Context<MutationAcceptInviteArgs, ChatStash>) {
  return ctx.prev.result;
}
