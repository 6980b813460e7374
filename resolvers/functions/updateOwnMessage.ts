/**
 * Pipeline step of editMessage. The owner check is a DynamoDB condition, so it holds even when
 * requests race: the message must exist, be the caller's, and not be deleted.
 * Data source: chatTable, UpdateItem (SET content, editedAt; condition
 * attribute_exists(PK) AND senderId = <sub> AND deleted = false).
 * When the condition fails, AppSync hands over the stored item in ctx.result and this step names
 * the reason: NotFound, Unauthorized (someone else's message) or Conflict (deleted).
 * Result: the updated Message.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { Message, MutationEditMessageArgs } from '../generated/graphql';
import { callerId, viewerId } from '../lib/caller';
import { conflict, dataSourceError, storedItemAfterFailedCondition, unauthorized } from '../lib/errors';
import type { MessageItem } from '../lib/items';
import { toMessage } from '../lib/items';
import { messageKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

type EditContext = Context<MutationEditMessageArgs, ChatStash, Record<string, unknown>, Record<string, unknown>, MessageItem | null>;

export function request(ctx: EditContext): DynamoDBUpdateItemRequest {
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(messageKey(ctx.args.roomId, ctx.args.messageId)),
    update: {
      expression: 'SET #content = :content, #editedAt = :editedAt',
      expressionNames: { '#content': 'content', '#editedAt': 'editedAt' },
      expressionValues: util.dynamodb.toMapValues({ ':content': ctx.args.content, ':editedAt': ctx.stash.now }),
    },
    condition: {
      expression: 'attribute_exists(#pk) AND #senderId = :caller AND #deleted = :notDeleted',
      expressionNames: { '#pk': 'PK', '#senderId': 'senderId', '#deleted': 'deleted' },
      expressionValues: util.dynamodb.toMapValues({ ':caller': callerId(ctx), ':notDeleted': false }),
    },
  };
}

export function response(ctx: EditContext): Message {
  if (ctx.error) {
    const current = storedItemAfterFailedCondition(ctx.error, ctx.result, 'Message not found');
    if (current.senderId !== callerId(ctx)) {
      unauthorized('Only the sender can edit this message');
    }
    if (current.deleted) {
      conflict('The message is deleted');
    }
    dataSourceError(ctx.error);
  }
  return toMessage(ctx.result!, viewerId(ctx));
}
