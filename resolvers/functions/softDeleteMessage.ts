/**
 * Pipeline step of deleteMessage: a soft delete (deleted = true, content cleared, editedAt set).
 * The sender may delete their message; Admins and operators (IAM) any message of the room.
 * Both rules are DynamoDB conditions. Deleting a deleted message returns it unchanged.
 * Data source: chatTable, UpdateItem (SET deleted, content, editedAt; condition
 * attribute_exists(PK) AND deleted = false [AND senderId = <sub> unless stash.canDeleteAny]).
 * Result: the deleted Message.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { Message, MutationDeleteMessageArgs } from '../generated/graphql';
import { callerId, viewerId } from '../lib/caller';
import { dataSourceError, storedItemAfterFailedCondition, unauthorized } from '../lib/errors';
import type { MessageItem } from '../lib/items';
import { toMessage } from '../lib/items';
import { messageKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

type DeleteContext = Context<MutationDeleteMessageArgs, ChatStash, Record<string, unknown>, Record<string, unknown>, MessageItem | null>;

function deleteCondition(ctx: DeleteContext): DynamoDBUpdateItemRequest['condition'] {
  if (ctx.stash.canDeleteAny) {
    return {
      expression: 'attribute_exists(#pk) AND #deleted = :notDeleted',
      expressionNames: { '#pk': 'PK', '#deleted': 'deleted' },
      expressionValues: util.dynamodb.toMapValues({ ':notDeleted': false }),
    };
  }
  return {
    expression: 'attribute_exists(#pk) AND #deleted = :notDeleted AND #senderId = :caller',
    expressionNames: { '#pk': 'PK', '#deleted': 'deleted', '#senderId': 'senderId' },
    expressionValues: util.dynamodb.toMapValues({ ':notDeleted': false, ':caller': callerId(ctx) }),
  };
}

export function request(ctx: DeleteContext): DynamoDBUpdateItemRequest {
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(messageKey(ctx.args.roomId, ctx.args.messageId)),
    update: {
      expression: 'SET #deleted = :deleted, #content = :content, #editedAt = :editedAt',
      expressionNames: { '#deleted': 'deleted', '#content': 'content', '#editedAt': 'editedAt' },
      expressionValues: util.dynamodb.toMapValues({ ':deleted': true, ':content': '', ':editedAt': ctx.stash.now }),
    },
    condition: deleteCondition(ctx),
  };
}

export function response(ctx: DeleteContext): Message {
  if (ctx.error) {
    const current = storedItemAfterFailedCondition(ctx.error, ctx.result, 'Message not found');
    if (!ctx.stash.canDeleteAny && current.senderId !== callerId(ctx)) {
      unauthorized('Only the sender or an admin can delete this message');
    }
    if (current.deleted) {
      return toMessage(current, viewerId(ctx));
    }
    dataSourceError(ctx.error);
  }
  return toMessage(ctx.result!, viewerId(ctx));
}
