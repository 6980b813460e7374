/**
 * Pipeline step of Query.presence: the room's presence items whose expiresAt is still ahead.
 * DynamoDB deletes expired items only eventually (within days), and DynamoDB Local never, so
 * expiry is a filter on every read, never left to TTL.
 * Data source: chatTable, Query (PK = ROOM#<roomId>, begins_with(SK, "PRESENCE#"),
 * filter expiresAt > now in epoch seconds).
 * Result: Presence[] (one per member seen, in user-id order).
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { Presence, QueryPresenceArgs } from '../generated/graphql';
import { dataSourceError } from '../lib/errors';
import type { PresenceItem } from '../lib/items';
import { toPresence } from '../lib/items';
import { PRESENCE_SK_PREFIX, roomPartition } from '../lib/keys';

export function request(ctx: Context<QueryPresenceArgs>): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :sk)',
      expressionNames: { '#pk': 'PK', '#sk': 'SK' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': roomPartition(ctx.args.roomId), ':sk': PRESENCE_SK_PREFIX }),
    },
    filter: {
      expression: '#expiresAt > :now',
      expressionNames: { '#expiresAt': 'expiresAt' },
      expressionValues: util.dynamodb.toMapValues({ ':now': util.time.nowEpochSeconds() }),
    },
  };
}

export function response(ctx: Context<QueryPresenceArgs>): Presence[] {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const items: PresenceItem[] = ctx.result.items ?? [];
  return items.map((item) => toPresence(item));
}
