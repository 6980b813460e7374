/**
 * Mutation.markRead: the caller has read the room up to messageId; the marker never moves back.
 * myRooms then counts unread messages after it (Room.unreadCount).
 * Pipeline: requireMembership (BatchGetItem) -> setLastRead (TransactWriteItems).
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationMarkReadArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<MutationMarkReadArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  requireUlid('messageId', ctx.args.messageId);
  return {};
}

export function response(ctx: Context<MutationMarkReadArgs, ChatStash>) {
  return ctx.prev.result;
}
