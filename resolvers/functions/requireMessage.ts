/**
 * Pipeline step of reportMessage: the message must exist (NotFound) and not be deleted already
 * (Conflict: there is nothing left to moderate).
 * Data source: chatTable, GetItem (the message, strongly consistent).
 * Result: nothing the later steps need (they read ctx.args and ctx.stash).
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { MutationReportMessageArgs } from '../generated/graphql';
import { conflict, dataSourceError, notFound } from '../lib/errors';
import type { MessageItem } from '../lib/items';
import { messageKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

export function request(ctx: Context<MutationReportMessageArgs, ChatStash>): DynamoDBGetItemRequest {
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues(messageKey(ctx.args.roomId, ctx.args.messageId)),
    consistentRead: true,
  };
}

export function response(ctx: Context<MutationReportMessageArgs, ChatStash>) {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const message = ctx.result as MessageItem | null;
  if (!message) {
    notFound('Message not found');
  }
  if (message.deleted) {
    conflict('The message is already deleted');
  }
  return {};
}
