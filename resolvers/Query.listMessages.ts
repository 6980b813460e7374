/**
 * Query.listMessages: a room's messages, newest first; members and operators only.
 * Pipeline: requireMembership (BatchGetItem) -> queryMessages (Query).
 */
import type { Context } from '@aws-appsync/utils';
import type { QueryListMessagesArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requirePageSize, requireUlid } from './lib/validate';

export function request(ctx: Context<QueryListMessagesArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  ctx.stash.limit = requirePageSize(ctx.args.limit);
  return {};
}

export function response(ctx: Context<QueryListMessagesArgs, ChatStash>) {
  return ctx.prev.result;
}
