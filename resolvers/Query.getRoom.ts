/**
 * Query.getRoom: one room; members and operators only.
 * Pipeline: requireMembership (BatchGetItem).
 */
import type { Context } from '@aws-appsync/utils';
import type { QueryGetRoomArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<QueryGetRoomArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  return {};
}

export function response(ctx: Context<QueryGetRoomArgs, ChatStash>) {
  return ctx.prev.result;
}
