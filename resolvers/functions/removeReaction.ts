/**
 * Pipeline step of unreact: removes the caller's user id from the message's set for the emoji.
 * Removing a reaction that is not there is not an error; DynamoDB drops a set that becomes empty.
 * Data source: chatTable, UpdateItem (DELETE REACT#<emoji> {sub}; condition attribute_exists(PK)).
 * Result: the updated Message (ALL_NEW), as the caller sees it.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { Message, MutationUnreactArgs } from '../generated/graphql';
import { callerId, viewerId } from '../lib/caller';
import { dataSourceError, storedItemAfterFailedCondition } from '../lib/errors';
import type { MessageItem } from '../lib/items';
import { toMessage } from '../lib/items';
import { messageKey } from '../lib/keys';
import { reactionAttribute } from '../lib/reactions';
import type { ChatStash } from '../lib/stash';

type UnreactContext = Context<MutationUnreactArgs, ChatStash, Record<string, unknown>, Record<string, unknown>, MessageItem | null>;

export function request(ctx: UnreactContext): DynamoDBUpdateItemRequest {
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(messageKey(ctx.args.roomId, ctx.args.messageId)),
    update: {
      expression: 'DELETE #users :caller',
      expressionNames: { '#users': reactionAttribute(ctx.args.emoji) },
      expressionValues: { ':caller': util.dynamodb.toStringSet([callerId(ctx)]) },
    },
    condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'PK' } },
  };
}

export function response(ctx: UnreactContext): Message {
  if (ctx.error) {
    storedItemAfterFailedCondition(ctx.error, ctx.result, 'Message not found');
    dataSourceError(ctx.error);
  }
  return toMessage(ctx.result!, viewerId(ctx));
}
