/**
 * Pipeline step of markRead: moves the caller's read marker (lastReadMessageId on their MEMBER
 * item) to the message, only forward: ULIDs order by time, so "later" is a string comparison.
 * Marking an earlier (or the same) message changes nothing and returns the stored marker.
 * Data source: chatTable, TransactWriteItems:
 *   0. ConditionCheck the MSG item: attribute_exists(PK) (NotFound otherwise);
 *   1. UpdateItem the MEMBER item: SET lastReadMessageId, condition attribute_exists(PK) AND
 *      (no marker yet OR marker < messageId), returning the stored item when it fails.
 * Result: ReadState.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import type { MutationMarkReadArgs, ReadState } from '../generated/graphql';
import { callerId } from '../lib/caller';
import { conflict, dataSourceError, notFound, unauthorized } from '../lib/errors';
import type { MemberItem } from '../lib/items';
import { memberKey, messageKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';
import { cancellationReasons, conditionFailedAt, conflictedWithAnother } from '../lib/transaction';

const MESSAGE_CHECK = 0;
const MARKER_UPDATE = 1;

export function request(ctx: Context<MutationMarkReadArgs, ChatStash>): DynamoDBTransactWriteItemsRequest {
  const table = ctx.env.TABLE_NAME;
  const { roomId, messageId } = ctx.args;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'ConditionCheck',
        key: util.dynamodb.toMapValues(messageKey(roomId, messageId)),
        condition: { expression: 'attribute_exists(PK)', returnValuesOnConditionCheckFailure: false },
      },
      {
        table,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues(memberKey(roomId, callerId(ctx))),
        update: {
          expression: 'SET #read = :messageId',
          expressionNames: { '#read': 'lastReadMessageId' },
          expressionValues: util.dynamodb.toMapValues({ ':messageId': messageId }),
        },
        condition: {
          expression: 'attribute_exists(#pk) AND (attribute_not_exists(#read) OR #read < :messageId)',
          expressionNames: { '#pk': 'PK', '#read': 'lastReadMessageId' },
          expressionValues: util.dynamodb.toMapValues({ ':messageId': messageId }),
          returnValuesOnConditionCheckFailure: true,
        },
      },
    ],
  };
}

export function response(ctx: Context<MutationMarkReadArgs, ChatStash>): ReadState {
  if (ctx.error) {
    const reasons = cancellationReasons<MemberItem>(ctx.error, ctx.result);
    if (conditionFailedAt(reasons, MESSAGE_CHECK)) {
      notFound('Message not found');
    }
    if (conflictedWithAnother(reasons)) {
      conflict('The read marker is being changed by another request; retry');
    }
    if (conditionFailedAt(reasons, MARKER_UPDATE)) {
      const member = reasons[MARKER_UPDATE]!.item;
      if (!member) {
        unauthorized('Not a member of this room');
      }
      // The marker is already at this message or a later one: it stays.
      return { roomId: ctx.args.roomId, lastReadMessageId: member.lastReadMessageId! };
    }
    dataSourceError(ctx.error);
  }
  return { roomId: ctx.args.roomId, lastReadMessageId: ctx.args.messageId };
}
