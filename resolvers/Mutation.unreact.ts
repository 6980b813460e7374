/**
 * Mutation.unreact: takes back the caller's reaction with one emoji; idempotent
 * (members only). The Message it returns feeds onMessageChanged, so subscribers see the counts.
 * Pipeline: requireMembership (BatchGetItem) -> removeReaction (UpdateItem).
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationUnreactArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireEmoji, requireUlid } from './lib/validate';

export function request(ctx: Context<MutationUnreactArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  requireUlid('messageId', ctx.args.messageId);
  requireEmoji(ctx.args.emoji);
  return {};
}

export function response(ctx: Context<MutationUnreactArgs, ChatStash>) {
  return ctx.prev.result;
}
