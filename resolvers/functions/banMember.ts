/**
 * Pipeline step of removeMember: ends the membership of ctx.stash.memberUserId and bans them
 * from the room, in one transaction, so a join racing the removal cannot leave them a member
 * (joinRoom checks the ban in its own transaction). Removing a user who is not a member bans
 * them all the same (a pre-emptive ban); removing a banned user again records the latest
 * removal. The ban stays until unbanMember deletes it. A ban also withdraws the user's
 * invitation, so an unban does not bring an old invitation back.
 * Data source: chatTable, TransactWriteItems (DeleteItem MEMBER item + PutItem BAN item with
 * bannedBy/bannedAt + DeleteItem INVITE item; the table is named by ctx.env.TABLE_NAME).
 * Result: the Room (from ctx.stash.room, set by requireMembership).
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { actorId } from '../lib/caller';
import { conflict, dataSourceError } from '../lib/errors';
import { banKey, inviteKey, memberKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';
import { cancellationReasons, conflictedWithAnother } from '../lib/transaction';

type Args = { roomId: string; userId: string };

export function request(ctx: Context<Args, ChatStash>): DynamoDBTransactWriteItemsRequest {
  const table = ctx.env.TABLE_NAME;
  const roomId = ctx.stash.room!.id;
  const userId = ctx.stash.memberUserId!;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      { table, operation: 'DeleteItem', key: util.dynamodb.toMapValues(memberKey(roomId, userId)) },
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(banKey(roomId, userId)),
        attributeValues: util.dynamodb.toMapValues({ roomId, userId, bannedBy: actorId(ctx), bannedAt: ctx.stash.now }),
      },
      { table, operation: 'DeleteItem', key: util.dynamodb.toMapValues(inviteKey(roomId, userId)) },
    ],
  };
}

export function response(ctx: Context<Args, ChatStash>) {
  if (ctx.error) {
    if (conflictedWithAnother(cancellationReasons(ctx.error, ctx.result))) {
      conflict('The membership is being changed by another request; retry');
    }
    dataSourceError(ctx.error);
  }
  return ctx.stash.room;
}
