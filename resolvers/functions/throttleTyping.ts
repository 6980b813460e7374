/**
 * Pipeline step of setTyping: the per-user rate bound. AppSync has no per-user rate limit, so
 * each (room, user) keeps one small record of its last signal; a signal within
 * TYPING_INTERVAL_MS of the last one is refused (LimitExceeded) and publishes nothing. The
 * record carries expiresAt (the table's TTL) so DynamoDB drops it once the user stops.
 * Data source: chatTable, PutItem (TYPING#<sub>; condition: absent or typedAtMs <= now - interval).
 * Result: the TypingEvent subscribers of onTyping receive.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { MutationSetTypingArgs, TypingEvent } from '../generated/graphql';
import { callerId, callerName } from '../lib/caller';
import { CONDITION_FAILED, dataSourceError, limitExceeded } from '../lib/errors';
import { toTypingEvent } from '../lib/items';
import { typingKey } from '../lib/keys';
import { TYPING_INTERVAL_MS, TYPING_RECORD_TTL_SECONDS } from '../lib/limits';
import type { ChatStash } from '../lib/stash';

export function request(ctx: Context<MutationSetTypingArgs, ChatStash>): DynamoDBPutItemRequest {
  const nowMs = ctx.stash.nowMs!;
  const userId = callerId(ctx);
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(typingKey(ctx.args.roomId, userId)),
    attributeValues: util.dynamodb.toMapValues({
      roomId: ctx.args.roomId,
      userId,
      typedAtMs: nowMs,
      expiresAt: Math.floor(nowMs / 1000) + TYPING_RECORD_TTL_SECONDS,
    }),
    condition: {
      expression: 'attribute_not_exists(#pk) OR #typedAtMs <= :cutoff',
      expressionNames: { '#pk': 'PK', '#typedAtMs': 'typedAtMs' },
      expressionValues: util.dynamodb.toMapValues({ ':cutoff': nowMs - TYPING_INTERVAL_MS }),
    },
  };
}

export function response(ctx: Context<MutationSetTypingArgs, ChatStash>): TypingEvent {
  if (ctx.error) {
    if (ctx.error.type === CONDITION_FAILED) {
      limitExceeded(`setTyping at most once every ${TYPING_INTERVAL_MS} ms per room`);
    }
    dataSourceError(ctx.error);
  }
  return toTypingEvent(ctx.args.roomId, callerId(ctx), callerName(ctx), ctx.stash.now!);
}
