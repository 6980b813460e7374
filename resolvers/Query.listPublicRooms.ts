/**
 * Query.listPublicRooms: public rooms, newest first, for anyone in Members or Admins (a public
 * room is joinable by them all, so listing it reveals nothing a join would not).
 * Pipeline: queryPublicRooms (Query on GSI1).
 */
import type { Context } from '@aws-appsync/utils';
import type { QueryListPublicRoomsArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requirePageSize } from './lib/validate';

export function request(ctx: Context<QueryListPublicRoomsArgs, ChatStash>) {
  ctx.stash.limit = requirePageSize(ctx.args.limit);
  return {};
}

export function response(ctx: Context<QueryListPublicRoomsArgs, ChatStash>) {
  return ctx.prev.result;
}
