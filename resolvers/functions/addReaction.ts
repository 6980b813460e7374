/**
 * Pipeline step of react: adds the caller's user id to the message's set for the emoji. A set
 * makes it idempotent (reacting twice keeps one reaction). The message must exist and not be
 * deleted; a set already holding MAX_USERS_PER_REACTION other users refuses a new one.
 * Data source: chatTable, UpdateItem (ADD REACT#<emoji> {sub}; condition attribute_exists(PK)
 * AND deleted = false AND (the set is absent, below the cap, or already holds the caller)).
 * When the condition fails, AppSync hands over the stored item and this step names the reason.
 * Result: the updated Message (ALL_NEW), as the caller sees it.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import type { Message, MutationReactArgs } from '../generated/graphql';
import { callerId, viewerId } from '../lib/caller';
import { conflict, limitExceeded, storedItemAfterFailedCondition } from '../lib/errors';
import type { MessageItem } from '../lib/items';
import { toMessage } from '../lib/items';
import { messageKey } from '../lib/keys';
import { MAX_USERS_PER_REACTION } from '../lib/limits';
import { reactionAttribute } from '../lib/reactions';
import type { ChatStash } from '../lib/stash';

type ReactContext = Context<MutationReactArgs, ChatStash, Record<string, unknown>, Record<string, unknown>, MessageItem | null>;

export function request(ctx: ReactContext): DynamoDBUpdateItemRequest {
  const userId = callerId(ctx);
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(messageKey(ctx.args.roomId, ctx.args.messageId)),
    update: {
      expression: 'ADD #users :caller',
      expressionNames: { '#users': reactionAttribute(ctx.args.emoji) },
      expressionValues: { ':caller': util.dynamodb.toStringSet([userId]) },
    },
    condition: {
      expression: 'attribute_exists(#pk) AND #deleted = :notDeleted AND (attribute_not_exists(#users) OR size(#users) < :cap OR contains(#users, :callerId))',
      expressionNames: { '#pk': 'PK', '#deleted': 'deleted', '#users': reactionAttribute(ctx.args.emoji) },
      expressionValues: util.dynamodb.toMapValues({ ':notDeleted': false, ':cap': MAX_USERS_PER_REACTION, ':callerId': userId }),
    },
  };
}

export function response(ctx: ReactContext): Message {
  if (ctx.error) {
    const current = storedItemAfterFailedCondition(ctx.error, ctx.result, 'Message not found');
    if (current.deleted) {
      conflict('The message is deleted');
    }
    limitExceeded(`At most ${MAX_USERS_PER_REACTION} users can choose one emoji on a message`);
  }
  return toMessage(ctx.result!, viewerId(ctx));
}
