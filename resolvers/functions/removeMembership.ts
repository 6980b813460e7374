/**
 * Pipeline step of leaveRoom: ends the membership of ctx.stash.memberUserId (removeMember uses
 * banMember, which also bans).
 * Removing a membership that is already gone is not an error.
 * Data source: chatTable, DeleteItem (MEMBER item).
 * Result: the Room (from ctx.stash.room, set by requireMembership).
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBDeleteItemRequest } from '@aws-appsync/utils';
import { dataSourceError } from '../lib/errors';
import { memberKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

type Args = { roomId: string };

export function request(ctx: Context<Args, ChatStash>): DynamoDBDeleteItemRequest {
  return {
    operation: 'DeleteItem',
    key: util.dynamodb.toMapValues(memberKey(ctx.stash.room!.id, ctx.stash.memberUserId!)),
  };
}

export function response(ctx: Context<Args, ChatStash>) {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  return ctx.stash.room;
}
