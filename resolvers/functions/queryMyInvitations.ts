/**
 * Pipeline step of myInvitations: the caller's INVITE items on GSI1 (USER#<sub> / INVITE#...).
 * Like myRooms, one Query page (DynamoDB's 1 MB), without pagination in the contract.
 * Data source: chatTable, Query on index GSI1 (GSI1PK = USER#<sub>, begins_with(GSI1SK, "INVITE#")).
 * Result: Invitation[].
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { Invitation } from '../generated/graphql';
import { callerId } from '../lib/caller';
import { dataSourceError } from '../lib/errors';
import type { InviteItem } from '../lib/items';
import { toInvitation } from '../lib/items';
import { INVITATION_INDEX_PREFIX, userPartition } from '../lib/keys';

export function request(ctx: Context): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    index: 'GSI1',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :sk)',
      expressionNames: { '#pk': 'GSI1PK', '#sk': 'GSI1SK' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': userPartition(callerId(ctx)), ':sk': INVITATION_INDEX_PREFIX }),
    },
  };
}

export function response(ctx: Context): Invitation[] {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const items: InviteItem[] = ctx.result.items ?? [];
  return items.map((item) => toInvitation(item));
}
