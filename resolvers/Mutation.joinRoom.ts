/**
 * Mutation.joinRoom: the caller becomes a member; joining twice is not an error.
 * Pipeline: requireRoom (GetItem) -> addMember (PutItem).
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
