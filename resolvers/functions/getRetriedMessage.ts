/**
 * Last pipeline step of sendMessage. On a retry (ctx.stash.retriedMessageId set by
 * putMessageOnce) it reads the message the first attempt stored, as it is now (it may have been
 * edited or deleted since); otherwise it passes the new message on without a data-source call.
 * Data source: chatTable, GetItem (MSG item, strongly consistent) on a retry; none otherwise.
 * Result: the Message.
 */
import { runtime, util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { Message, MutationSendMessageArgs } from '../generated/graphql';
import { dataSourceError, notFound } from '../lib/errors';
import type { MessageItem } from '../lib/items';
import { toMessage } from '../lib/items';
import { messageKey } from '../lib/keys';
import { viewerId } from '../lib/caller';
import type { ChatStash } from '../lib/stash';

type RetryContext = Context<MutationSendMessageArgs, ChatStash, Record<string, unknown>, Record<string, unknown>, MessageItem | null>;

export function request(ctx: RetryContext): DynamoDBGetItemRequest {
  const retriedMessageId = ctx.stash.retriedMessageId;
  if (!retriedMessageId) {
    runtime.earlyReturn(ctx.prev.result);
  }
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues(messageKey(ctx.args.roomId, retriedMessageId)),
    consistentRead: true,
  };
}

export function response(ctx: RetryContext): Message {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  if (!ctx.result) {
    notFound('Message not found');
  }
  return toMessage(ctx.result, viewerId(ctx));
}
