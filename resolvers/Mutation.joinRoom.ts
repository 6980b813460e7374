/**
 * Mutation.joinRoom: the caller becomes a member, unless removeMember banned them from the room
 * (Unauthorized until unbanMember); joining twice is not an error. A PRIVATE room needs an
 * invitation (Unauthorized without one), which joining uses up: requireRoom stashes the room and
 * sets ctx.stash.needsInvitation from its visibility.
 * Pipeline: requireRoom (GetItem) -> addMember (TransactWriteItems: ban check + MEMBER put
 *   [+ INVITE delete]).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationJoinRoomArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<MutationJoinRoomArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context<MutationJoinRoomArgs, ChatStash>) {
  return ctx.prev.result;
}
