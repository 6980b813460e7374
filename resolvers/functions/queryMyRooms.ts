/**
 * Pipeline step of myRooms: the caller's membership items on GSI1; each carries its room's
 * fields, so this is one query. (myRooms has no pagination in the contract: this returns what
 * one Query returns, up to DynamoDB's 1 MB page, i.e. thousands of rooms.)
 * Data source: chatTable, Query on index GSI1 (GSI1PK = USER#<sub>).
 * Result: Room[].
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { Room } from '../generated/graphql';
import { callerId } from '../lib/caller';
import { dataSourceError } from '../lib/errors';
import type { MemberItem } from '../lib/items';
import { memberToRoom } from '../lib/items';
import { userPartition } from '../lib/keys';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    index: 'GSI1',
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'GSI1PK' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': userPartition(callerId(ctx)) }),
    },
  };
}

export function response(ctx: Context): Room[] {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const items: MemberItem[] = ctx.result.items ?? [];
  return items.map((item) => memberToRoom(item));
}
