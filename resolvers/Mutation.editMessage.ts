/**
 * Mutation.editMessage: the sender changes the content of their (not deleted) message.
 * Pipeline: requireMembership (BatchGetItem) -> updateOwnMessage (UpdateItem).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationEditMessageArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireContent, requireUlid } from './lib/validate';

export function request(ctx: Context<MutationEditMessageArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  requireUlid('messageId', ctx.args.messageId);
  requireContent(ctx.args.content);
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context<MutationEditMessageArgs, ChatStash>) {
  return ctx.prev.result;
}
