/**
 * Pipeline step of createRoom: writes the room and the creator's membership together, so a
 * room never exists without its first member.
 * Data source: chatTable, TransactWriteItems (PutItem room META + PutItem MEMBER item, both
 * only if absent; the table is named by ctx.env.TABLE_NAME). A public room's META item carries
 * GSI1 PUBLIC_ROOMS / ROOM#<roomId>, which lists it in listPublicRooms; a private one does not.
 * Result: the new Room (from ctx.stash.newRoom, made by the before handler).
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { dataSourceError } from '../lib/errors';
import { memberIndexKey, memberKey, publicRoomIndexKey, roomKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

export function request(ctx: Context<{ name: string }, ChatStash>): DynamoDBTransactWriteItemsRequest {
  const table = ctx.env.TABLE_NAME;
  const room = ctx.stash.newRoom!;
  const index = memberIndexKey(room.id, room.createdBy);
  const meta: Record<string, unknown> = {
    id: room.id,
    name: room.name,
    createdBy: room.createdBy,
    createdAt: room.createdAt,
    visibility: room.visibility,
  };
  if (room.visibility === 'PUBLIC') {
    const listed = publicRoomIndexKey(room.id);
    meta.GSI1PK = listed.GSI1PK;
    meta.GSI1SK = listed.GSI1SK;
  }
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(roomKey(room.id)),
        attributeValues: util.dynamodb.toMapValues(meta),
        condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
      },
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(memberKey(room.id, room.createdBy)),
        attributeValues: util.dynamodb.toMapValues({
          GSI1PK: index.GSI1PK,
          GSI1SK: index.GSI1SK,
          roomId: room.id,
          userId: room.createdBy,
          roomName: room.name,
          roomCreatedBy: room.createdBy,
          roomCreatedAt: room.createdAt,
          roomVisibility: room.visibility,
          joinedAt: room.createdAt,
        }),
        condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false },
      },
    ],
  };
}

export function response(ctx: Context<{ name: string }, ChatStash>) {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  return ctx.stash.newRoom;
}
