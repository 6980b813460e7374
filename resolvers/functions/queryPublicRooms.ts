/**
 * Pipeline step of listPublicRooms: one page of public rooms, newest first. Public rooms' META
 * items carry GSI1 PUBLIC_ROOMS / ROOM#<ulid>; private rooms are never in that partition.
 * nextToken is AppSync's opaque token; an altered or foreign one is a ValidationError.
 * Data source: chatTable, Query on index GSI1 (GSI1PK = PUBLIC_ROOMS, scanIndexForward false).
 * Result: RoomPage.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryListPublicRoomsArgs, RoomPage } from '../generated/graphql';
import { dataSourceError, validationError } from '../lib/errors';
import type { RoomItem } from '../lib/items';
import { toRoom } from '../lib/items';
import { PUBLIC_ROOMS_PARTITION } from '../lib/keys';
import type { ChatStash } from '../lib/stash';
import { BAD_NEXT_TOKEN_ERROR_TYPES } from './queryMessages';

export function request(ctx: Context<QueryListPublicRoomsArgs, ChatStash>): DynamoDBQueryRequest {
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: 'GSI1',
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'GSI1PK' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': PUBLIC_ROOMS_PARTITION }),
    },
    scanIndexForward: false,
    limit: ctx.stash.limit,
  };
  if (ctx.args.nextToken) {
    query.nextToken = ctx.args.nextToken;
  }
  return query;
}

export function response(ctx: Context<QueryListPublicRoomsArgs, ChatStash>): RoomPage {
  if (ctx.error) {
    if (ctx.args.nextToken && BAD_NEXT_TOKEN_ERROR_TYPES.includes(ctx.error.type)) {
      validationError('nextToken is not a token of the public room list');
    }
    dataSourceError(ctx.error);
  }
  const items: RoomItem[] = ctx.result.items ?? [];
  return { items: items.map((item) => toRoom(item)), nextToken: ctx.result.nextToken ?? null };
}
