/**
 * Pipeline step of listMessages: one page of a room's messages, newest first (ULID sort keys
 * order by time). nextToken is AppSync's own opaque (encrypted) pagination token; one that was
 * altered or belongs to another query is a ValidationError.
 * Data source: chatTable, Query (PK = ROOM#<roomId>, begins_with(SK, "MSG#"), scanIndexForward false).
 * Result: MessagePage.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { MessagePage, QueryListMessagesArgs } from '../generated/graphql';
import { dataSourceError, validationError } from '../lib/errors';
import type { MessageItem } from '../lib/items';
import { toMessage } from '../lib/items';
import { MESSAGE_SK_PREFIX, roomPartition } from '../lib/keys';
import { viewerId } from '../lib/caller';
import type { ChatStash } from '../lib/stash';

/** How a refused nextToken comes back: refused before DynamoDB, or by DynamoDB itself. */
export const BAD_NEXT_TOKEN_ERROR_TYPES = ['MappingTemplate', 'DynamoDB:ValidationException'];

export function request(ctx: Context<QueryListMessagesArgs, ChatStash>): DynamoDBQueryRequest {
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :sk)',
      expressionNames: { '#pk': 'PK', '#sk': 'SK' },
      expressionValues: util.dynamodb.toMapValues({
        ':pk': roomPartition(ctx.args.roomId),
        ':sk': MESSAGE_SK_PREFIX,
      }),
    },
    scanIndexForward: false,
    limit: ctx.stash.limit,
  };
  if (ctx.args.nextToken) {
    query.nextToken = ctx.args.nextToken;
  }
  return query;
}

export function response(ctx: Context<QueryListMessagesArgs, ChatStash>): MessagePage {
  if (ctx.error) {
    if (ctx.args.nextToken && BAD_NEXT_TOKEN_ERROR_TYPES.includes(ctx.error.type)) {
      validationError('nextToken is not a token of this room’s messages');
    }
    dataSourceError(ctx.error);
  }
  const items: MessageItem[] = ctx.result.items ?? [];
  return { items: items.map((item) => toMessage(item, viewerId(ctx))), nextToken: ctx.result.nextToken ?? null };
}
