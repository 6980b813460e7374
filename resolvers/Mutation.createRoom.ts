/**
 * Mutation.createRoom: a new room whose first member is the caller; PUBLIC unless the caller asks
 * for PRIVATE (so clients that send only a name keep working).
 * Pipeline: createRoomWithOwner (TransactWriteItems).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationCreateRoomArgs } from './generated/graphql';
import { callerId } from './lib/caller';
import type { ChatStash } from './lib/stash';
import { requireRoomName } from './lib/validate';

export function request(ctx: Context<MutationCreateRoomArgs, ChatStash>) {
  const name = requireRoomName(ctx.args.name);
  ctx.stash.newRoom = {
    id: util.autoUlid(),
    name,
    createdBy: callerId(ctx),
    createdAt: util.time.nowISO8601(),
    visibility: ctx.args.visibility ?? 'PUBLIC',
  };
  return {};
}

export function response(ctx: Context<MutationCreateRoomArgs, ChatStash>) {
  return ctx.prev.result;
}
