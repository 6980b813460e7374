/**
 * Pipeline step of every room-scoped field: the room must exist (NotFound) and the caller must be
 * a member (Unauthorized). Operators (IAM) only need the room to exist. A user removeMember
 * banned has no MEMBER item, so they are refused here like any non-member.
 * Data source: chatTable, BatchGetItem (room META and the caller's MEMBER item, strongly
 * consistent, so a member who just joined or created the room is seen at once).
 * Result: the Room, also left in ctx.stash.room.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBBatchGetItemRequest } from '@aws-appsync/utils';
import { callerId, isOperator } from '../lib/caller';
import { dataSourceError, notFound, unauthorized } from '../lib/errors';
import type { RoomItem } from '../lib/items';
import { toRoom } from '../lib/items';
import { ROOM_META_SK, memberKey, memberSortKey, roomKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

type Args = { roomId: string };
type StoredItem = { SK: string } | null;

export function request(ctx: Context<Args, ChatStash>): DynamoDBBatchGetItemRequest {
  const roomId = ctx.args.roomId;
  const keys = [util.dynamodb.toMapValues(roomKey(roomId))];
  if (!isOperator()) {
    keys.push(util.dynamodb.toMapValues(memberKey(roomId, callerId(ctx))));
  }
  return {
    operation: 'BatchGetItem',
    tables: { [ctx.env.TABLE_NAME]: { keys, consistentRead: true } },
  };
}

export function response(ctx: Context<Args, ChatStash>) {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const table = ctx.env.TABLE_NAME;
  const unprocessed = ctx.result.unprocessedKeys?.[table] ?? [];
  if (unprocessed.length > 0) {
    // DynamoDB did not read every key (throttling): the answer would be a guess.
    util.error('The membership check could not be completed; retry the request', 'Throttled');
  }
  const items: StoredItem[] = ctx.result.data?.[table] ?? [];
  const room = items.find((item) => item !== null && item.SK === ROOM_META_SK) as RoomItem | undefined;
  if (!room) {
    notFound('Room not found');
  }
  if (!isOperator()) {
    const memberSk = memberSortKey(callerId(ctx));
    const membership = items.find((item) => item !== null && item.SK === memberSk);
    if (!membership) {
      unauthorized('Not a member of this room');
    }
  }
  ctx.stash.room = toRoom(room);
  return ctx.stash.room;
}
