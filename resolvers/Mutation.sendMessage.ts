/**
 * Mutation.sendMessage: stores a message once per (room, sender, clientMessageId). The id, the
 * sender and the time come from the server and the token.
 * Pipeline: requireMembership (BatchGetItem) -> putMessageOnce (TransactWriteItems)
 *   -> getRetriedMessage (GetItem, on a retry only).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationSendMessageArgs } from './generated/graphql';
import { callerId, callerName } from './lib/caller';
import type { ChatStash } from './lib/stash';
import { requireClientMessageId, requireContent, requireUlid } from './lib/validate';

export function request(ctx: Context<MutationSendMessageArgs, ChatStash>) {
  const roomId = requireUlid('roomId', ctx.args.roomId);
  const content = requireContent(ctx.args.content);
  ctx.stash.clientMessageId = requireClientMessageId(ctx.args.clientMessageId);
  ctx.stash.message = {
    roomId,
    id: util.autoUlid(),
    senderId: callerId(ctx),
    sender: callerName(ctx),
    content,
    createdAt: util.time.nowISO8601(),
    editedAt: null,
    deleted: false,
    reactions: [],
  };
  return {};
}

export function response(ctx: Context<MutationSendMessageArgs, ChatStash>) {
  return ctx.prev.result;
}
