/**
 * Mutation.deleteMessage: a soft delete by the sender, an Admin or an operator (IAM).
 * Pipeline: requireMembership (BatchGetItem) -> softDeleteMessage (UpdateItem).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteMessageArgs } from './generated/graphql';
import { isAdmin, isOperator } from './lib/caller';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<MutationDeleteMessageArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  requireUlid('messageId', ctx.args.messageId);
  ctx.stash.canDeleteAny = isOperator() || isAdmin(ctx);
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context<MutationDeleteMessageArgs, ChatStash>) {
  return ctx.prev.result;
}
