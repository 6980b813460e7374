/**
 * Pipeline step of Room.unreadCount: the room's messages after the caller's read marker
 * (ctx.source.lastReadMessageId; all messages when there is none), deleted ones left out.
 * AppSync's DynamoDB Query has no Select COUNT, so this reads one page of at most
 * UNREAD_COUNT_CAP keys projected to SK and counts them; a full page (a nextToken) means
 * "UNREAD_COUNT_CAP or more" and answers UNREAD_COUNT_CAP (the page shows "99+").
 * Data source: chatTable, Query (PK = ROOM#<roomId>, SK BETWEEN MSG#<marker>! AND MSG#~,
 * filter deleted = false, projection SK, limit UNREAD_COUNT_CAP).
 * Result: Int.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import { dataSourceError } from '../lib/errors';
import type { MemberRoom } from '../lib/items';
import { MESSAGE_SK_END, MESSAGE_SK_PREFIX, messageSortKeyAfter, roomPartition } from '../lib/keys';
import { UNREAD_COUNT_CAP } from '../lib/limits';

type UnreadContext = Context<Record<string, never>, Record<string, unknown>, Record<string, unknown>, MemberRoom>;

export function request(ctx: UnreadContext): DynamoDBQueryRequest {
  const room = ctx.source!;
  const from = room.lastReadMessageId ? messageSortKeyAfter(room.lastReadMessageId) : MESSAGE_SK_PREFIX;
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      expressionNames: { '#pk': 'PK', '#sk': 'SK' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': roomPartition(room.id), ':from': from, ':to': MESSAGE_SK_END }),
    },
    filter: {
      expression: '#deleted = :notDeleted',
      expressionNames: { '#deleted': 'deleted' },
      expressionValues: util.dynamodb.toMapValues({ ':notDeleted': false }),
    },
    projection: { expression: '#sk', expressionNames: { '#sk': 'SK' } },
    limit: UNREAD_COUNT_CAP,
  };
}

export function response(ctx: UnreadContext): number {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  if (ctx.result.nextToken) {
    return UNREAD_COUNT_CAP;
  }
  const items: unknown[] = ctx.result.items ?? [];
  return items.length;
}
