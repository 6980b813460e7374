/**
 * Pipeline step of joinRoom and acceptInvite: the room must exist (NotFound). A PRIVATE room is
 * joined only with an invitation, so it sets ctx.stash.needsInvitation for addMember.
 * Data source: chatTable, GetItem (room META, strongly consistent).
 * Result: the Room, also left in ctx.stash.room.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { dataSourceError, notFound } from '../lib/errors';
import type { RoomItem } from '../lib/items';
import { toRoom } from '../lib/items';
import { roomKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

type Args = { roomId: string };

export function request(ctx: Context<Args, ChatStash>): DynamoDBGetItemRequest {
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues(roomKey(ctx.args.roomId)),
    consistentRead: true,
  };
}

export function response(ctx: Context<Args, ChatStash, Record<string, unknown>, Record<string, unknown>, RoomItem | null>) {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  if (!ctx.result) {
    notFound('Room not found');
  }
  ctx.stash.room = toRoom(ctx.result);
  if (ctx.stash.room.visibility === 'PRIVATE') {
    ctx.stash.needsInvitation = true;
  }
  return ctx.stash.room;
}
