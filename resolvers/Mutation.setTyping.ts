/**
 * Mutation.setTyping: tells the room's other members that the caller is typing (onTyping). The
 * page sends it at most every few seconds while the user types and clears the indicator when
 * signals stop; the server refuses more than one per TYPING_INTERVAL_MS per user and room.
 * Pipeline: requireMembership (BatchGetItem) -> throttleTyping (PutItem of the rate record).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationSetTypingArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<MutationSetTypingArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  ctx.stash.nowMs = util.time.nowEpochMilliSeconds();
  ctx.stash.now = util.time.epochMilliSecondsToISO8601(ctx.stash.nowMs);
  return {};
}

export function response(ctx: Context<MutationSetTypingArgs, ChatStash>) {
  return ctx.prev.result;
}
