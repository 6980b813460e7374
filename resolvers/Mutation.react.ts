/**
 * Mutation.react: the caller's reaction with one emoji of the allow-list, once per user per emoji
 * (members only). The Message it returns feeds onMessageChanged, so subscribers see the counts.
 * Pipeline: requireMembership (BatchGetItem) -> addReaction (UpdateItem).
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationReactArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireEmoji, requireUlid } from './lib/validate';

export function request(ctx: Context<MutationReactArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  requireUlid('messageId', ctx.args.messageId);
  requireEmoji(ctx.args.emoji);
  return {};
}

export function response(ctx: Context<MutationReactArgs, ChatStash>) {
  return ctx.prev.result;
}
