/**
 * Pipeline step of myRooms: the caller's membership items on GSI1; each carries its room's
 * fields, so this is one query. (myRooms has no pagination in the contract: this returns what
 * one Query returns, up to DynamoDB's 1 MB page, i.e. thousands of rooms.)
 * Data source: chatTable, Query on index GSI1 (GSI1PK = USER#<sub>, begins_with(GSI1SK, "ROOM#"):
 * the same partition holds the caller's invitations under INVITE#).
 * Result: Room[] with the caller's read state (MemberRoom), for Room.unreadCount/lastMessage.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import { callerId } from '../lib/caller';
import { dataSourceError } from '../lib/errors';
import type { MemberItem, MemberRoom } from '../lib/items';
import { memberToRoom } from '../lib/items';
import { MEMBERSHIP_INDEX_PREFIX, userPartition } from '../lib/keys';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    index: 'GSI1',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :sk)',
      expressionNames: { '#pk': 'GSI1PK', '#sk': 'GSI1SK' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': userPartition(callerId(ctx)), ':sk': MEMBERSHIP_INDEX_PREFIX }),
    },
  };
}

export function response(ctx: Context): MemberRoom[] {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const items: MemberItem[] = ctx.result.items ?? [];
  return items.map((item) => memberToRoom(item));
}
