/**
 * Pipeline step of unbanMember: deletes the ban of ctx.stash.bannedUserId, so they may join the
 * room again (it does not make them a member). Unbanning a user who is not banned is not an
 * error, so a retried request gets the same answer.
 * Data source: chatTable, DeleteItem (BAN item).
 * Result: the Room (from ctx.stash.room, set by requireMembership).
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBDeleteItemRequest } from '@aws-appsync/utils';
import { dataSourceError } from '../lib/errors';
import { banKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

type Args = { roomId: string; userId: string };

export function request(ctx: Context<Args, ChatStash>): DynamoDBDeleteItemRequest {
  return {
    operation: 'DeleteItem',
    key: util.dynamodb.toMapValues(banKey(ctx.stash.room!.id, ctx.stash.bannedUserId!)),
  };
}

export function response(ctx: Context<Args, ChatStash>) {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  return ctx.stash.room;
}
