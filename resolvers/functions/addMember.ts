/**
 * Pipeline step of joinRoom and acceptInvite: makes the caller a member unless they are banned
 * from the room. A private room (and any acceptInvite) needs the caller's invitation, which the
 * join uses up. Joining twice is not an error: the membership is written only if absent, and an
 * existing one is kept as it is (a retried acceptInvite finds its invitation gone and the
 * membership there, and succeeds). The checks and the writes are one transaction, so a
 * removeMember racing the join cannot leave a banned member behind.
 * Data source: chatTable, TransactWriteItems:
 *   0. ConditionCheck the caller's BAN item: attribute_not_exists(PK);
 *   1. PutItem the MEMBER item with the room's fields for GSI1 "my rooms", only if absent;
 *   2. when ctx.stash.needsInvitation: DeleteItem the caller's INVITE item, only if it exists.
 * Result: the Room (from ctx.stash.room, set by requireRoom).
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { callerId } from '../lib/caller';
import { conflict, dataSourceError, unauthorized } from '../lib/errors';
import { banKey, inviteKey, memberIndexKey, memberKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';
import { cancellationReasons, conditionFailedAt, conflictedWithAnother } from '../lib/transaction';

type Args = { roomId: string };

const BAN_CHECK = 0;
const MEMBERSHIP_PUT = 1;
const INVITATION_DELETE = 2;

export function request(ctx: Context<Args, ChatStash>): DynamoDBTransactWriteItemsRequest {
  const table = ctx.env.TABLE_NAME;
  const room = ctx.stash.room!;
  const userId = callerId(ctx);
  const index = memberIndexKey(room.id, userId);
  const transactItems: DynamoDBTransactWriteItemsRequest['transactItems'] = [
    {
      table,
      operation: 'ConditionCheck',
      key: util.dynamodb.toMapValues(banKey(room.id, userId)),
      condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
    },
    {
      table,
      operation: 'PutItem',
      key: util.dynamodb.toMapValues(memberKey(room.id, userId)),
      attributeValues: util.dynamodb.toMapValues({
        GSI1PK: index.GSI1PK,
        GSI1SK: index.GSI1SK,
        roomId: room.id,
        userId,
        roomName: room.name,
        roomCreatedBy: room.createdBy,
        roomCreatedAt: room.createdAt,
        roomVisibility: room.visibility,
        joinedAt: ctx.stash.now,
      }),
      condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
    },
  ];
  if (ctx.stash.needsInvitation) {
    transactItems.push({
      table,
      operation: 'DeleteItem',
      key: util.dynamodb.toMapValues(inviteKey(room.id, userId)),
      condition: { expression: 'attribute_exists(PK)', returnValuesOnConditionCheckFailure: false },
    });
  }
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context<Args, ChatStash>) {
  if (ctx.error) {
    const reasons = cancellationReasons(ctx.error, ctx.result);
    if (conditionFailedAt(reasons, BAN_CHECK)) {
      unauthorized('Removed from this room; an Admin must unban you before you can join again');
    }
    if (conflictedWithAnother(reasons)) {
      conflict('The membership is being changed by another request; retry');
    }
    if (conditionFailedAt(reasons, MEMBERSHIP_PUT)) {
      // Already a member: the first membership stays (and an unused invitation with it).
      return ctx.stash.room;
    }
    if (conditionFailedAt(reasons, INVITATION_DELETE)) {
      unauthorized('This room is private or the invitation is gone: you need an invitation to join');
    }
    dataSourceError(ctx.error);
  }
  return ctx.stash.room;
}
