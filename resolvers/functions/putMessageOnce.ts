/**
 * Pipeline step of sendMessage, idempotent per (room, sender, clientMessageId).
 * Data source: chatTable, TransactWriteItems:
 *   1. PutItem send record SEND#<sub>#<clientMessageId> (the message id only, no content), only
 *      if absent, returning the stored record when the condition fails
 *      (returnValuesOnConditionCheckFailure);
 *   2. PutItem the message MSG#<ulid>, only if absent.
 * DynamoDB runs the two atomically, so of any number of retries, concurrent or not, exactly one
 * stores a message. A retry stores nothing and leaves the id of the first message in
 * ctx.stash.retriedMessageId for getRetriedMessage, which reads the message as it is now.
 * A retry racing an unfinished first attempt (TransactionConflict) gets Conflict and may retry.
 * Result: the new Message, or null on a retry.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { Message, MutationSendMessageArgs } from '../generated/graphql';
import { conflict, dataSourceError } from '../lib/errors';
import type { SendRecordItem } from '../lib/items';
import { messageKey, sendRecordKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';
import { cancellationReasons, conditionFailedAt, conflictedWithAnother } from '../lib/transaction';

export function request(ctx: Context<MutationSendMessageArgs, ChatStash>): DynamoDBTransactWriteItemsRequest {
  const table = ctx.env.TABLE_NAME;
  const message = ctx.stash.message!;
  const clientMessageId = ctx.stash.clientMessageId!;
  const stored = {
    roomId: message.roomId,
    id: message.id,
    senderId: message.senderId,
    sender: message.sender,
    content: message.content,
    createdAt: message.createdAt,
    deleted: false,
    clientMessageId,
  };
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(sendRecordKey(message.roomId, message.senderId, clientMessageId)),
        attributeValues: util.dynamodb.toMapValues({
          roomId: message.roomId,
          messageId: message.id,
          senderId: message.senderId,
          clientMessageId,
          createdAt: message.createdAt,
        }),
        condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: true },
      },
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(messageKey(message.roomId, message.id)),
        attributeValues: util.dynamodb.toMapValues(stored),
        condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
      },
    ],
  };
}

export function response(ctx: Context<MutationSendMessageArgs, ChatStash>): Message | null {
  if (ctx.error) {
    const reasons = cancellationReasons<SendRecordItem>(ctx.error, ctx.result);
    const sendRecord = reasons[0];
    if (conditionFailedAt(reasons, 0) && sendRecord && sendRecord.item) {
      // A retry: the first attempt stored the message; the next step reads it.
      ctx.stash.retriedMessageId = sendRecord.item.messageId;
      return null;
    }
    if (conflictedWithAnother(reasons)) {
      conflict('A message with this clientMessageId is being stored by another request; retry');
    }
    dataSourceError(ctx.error);
  }
  return ctx.stash.message!;
}
