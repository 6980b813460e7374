/**
 * Pipeline step of Room.lastMessage: the room's newest message (deleted or not, as
 * listMessages shows it), as the caller sees it.
 * Data source: chatTable, Query (PK = ROOM#<roomId>, begins_with(SK, "MSG#"), newest first, limit 1).
 * Result: Message, or null in a room without messages.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { Message } from '../generated/graphql';
import { viewerId } from '../lib/caller';
import { dataSourceError } from '../lib/errors';
import type { MemberRoom, MessageItem } from '../lib/items';
import { toMessage } from '../lib/items';
import { MESSAGE_SK_PREFIX, roomPartition } from '../lib/keys';

type LastMessageContext = Context<Record<string, never>, Record<string, unknown>, Record<string, unknown>, MemberRoom>;

export function request(ctx: LastMessageContext): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :sk)',
      expressionNames: { '#pk': 'PK', '#sk': 'SK' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': roomPartition(ctx.source!.id), ':sk': MESSAGE_SK_PREFIX }),
    },
    scanIndexForward: false,
    limit: 1,
  };
}

export function response(ctx: LastMessageContext): Message | null {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const items: MessageItem[] = ctx.result.items ?? [];
  return items.length > 0 ? toMessage(items[0], viewerId(ctx)) : null;
}
