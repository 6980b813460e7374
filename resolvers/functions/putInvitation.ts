/**
 * Pipeline step of inviteMember: records that ctx.stash.invitedUserId may join the room (a
 * private room needs it). Inviting again replaces the invitation (latest inviter and time).
 * A banned user cannot be invited (Conflict, until unbanMember), nor can a member.
 * Data source: chatTable, TransactWriteItems:
 *   0. ConditionCheck the invitee's BAN item: attribute_not_exists(PK);
 *   1. ConditionCheck the invitee's MEMBER item: attribute_not_exists(PK);
 *   2. PutItem the INVITE item (GSI1 USER#<invitee> / INVITE#<roomId> for myInvitations).
 * Result: the Invitation.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { Invitation, MutationInviteMemberArgs } from '../generated/graphql';
import { actorId } from '../lib/caller';
import { conflict, dataSourceError } from '../lib/errors';
import { banKey, inviteIndexKey, inviteKey, memberKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';
import { cancellationReasons, conditionFailedAt, conflictedWithAnother } from '../lib/transaction';

const BAN_CHECK = 0;
const MEMBER_CHECK = 1;

function invitationOf(ctx: Context<MutationInviteMemberArgs, ChatStash>): Invitation {
  const room = ctx.stash.room!;
  return { roomId: room.id, roomName: room.name, userId: ctx.stash.invitedUserId!, invitedBy: actorId(ctx), invitedAt: ctx.stash.now! };
}

export function request(ctx: Context<MutationInviteMemberArgs, ChatStash>): DynamoDBTransactWriteItemsRequest {
  const table = ctx.env.TABLE_NAME;
  const invitation = invitationOf(ctx);
  const index = inviteIndexKey(invitation.roomId, invitation.userId);
  const absent = { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false };
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      { table, operation: 'ConditionCheck', key: util.dynamodb.toMapValues(banKey(invitation.roomId, invitation.userId)), condition: absent },
      { table, operation: 'ConditionCheck', key: util.dynamodb.toMapValues(memberKey(invitation.roomId, invitation.userId)), condition: absent },
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(inviteKey(invitation.roomId, invitation.userId)),
        attributeValues: util.dynamodb.toMapValues({ GSI1PK: index.GSI1PK, GSI1SK: index.GSI1SK, ...invitation }),
      },
    ],
  };
}

export function response(ctx: Context<MutationInviteMemberArgs, ChatStash>): Invitation {
  if (ctx.error) {
    const reasons = cancellationReasons(ctx.error, ctx.result);
    if (conditionFailedAt(reasons, BAN_CHECK)) {
      conflict('This user is banned from the room; an Admin must unban them before they can be invited');
    }
    if (conditionFailedAt(reasons, MEMBER_CHECK)) {
      conflict('This user is already a member of the room');
    }
    if (conflictedWithAnother(reasons)) {
      conflict('The membership is being changed by another request; retry');
    }
    dataSourceError(ctx.error);
  }
  return invitationOf(ctx);
}
