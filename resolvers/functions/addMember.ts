/**
 * Pipeline step of joinRoom: makes the caller a member. Joining twice is not an error: the
 * membership is written only if absent, and an existing one is kept as it is.
 * Data source: chatTable, PutItem (MEMBER item with the room's fields for GSI1 "my rooms",
 * condition attribute_not_exists(PK)).
 * Result: the Room (from ctx.stash.room, set by requireRoom).
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBPutItemRequest } from '@aws-appsync/utils';
import { callerId } from '../lib/caller';
import { CONDITION_FAILED, dataSourceError } from '../lib/errors';
import { memberIndexKey, memberKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

type Args = { roomId: string };

export function request(ctx: Context<Args, ChatStash>): DynamoDBPutItemRequest {
  const room = ctx.stash.room!;
  const userId = callerId(ctx);
  const index = memberIndexKey(room.id, userId);
  return {
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
      joinedAt: ctx.stash.now,
    }),
    condition: { expression: 'attribute_not_exists(PK)' },
  };
}

export function response(ctx: Context<Args, ChatStash>) {
  if (ctx.error && ctx.error.type !== CONDITION_FAILED) {
    dataSourceError(ctx.error);
  }
  return ctx.stash.room;
}
