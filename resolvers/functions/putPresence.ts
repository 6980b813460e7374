/**
 * Pipeline step of heartbeat: the caller is present in the room until expiresAt (now +
 * PRESENCE_TTL_SECONDS, epoch seconds: the table's TTL attribute). AppSync has no connect or
 * disconnect events, so presence is "a heartbeat not yet expired". A heartbeat within
 * HEARTBEAT_INTERVAL_MS of the last one is refused (LimitExceeded) and publishes nothing.
 * Data source: chatTable, PutItem (PRESENCE#<sub>; condition: absent or lastSeenMs <= now - interval).
 * Result: the Presence subscribers of onPresence receive.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { MutationHeartbeatArgs, Presence } from '../generated/graphql';
import { callerId, callerName } from '../lib/caller';
import { CONDITION_FAILED, dataSourceError, limitExceeded } from '../lib/errors';
import type { PresenceItem } from '../lib/items';
import { toPresence } from '../lib/items';
import { presenceKey } from '../lib/keys';
import { HEARTBEAT_INTERVAL_MS, PRESENCE_TTL_SECONDS } from '../lib/limits';
import type { ChatStash } from '../lib/stash';

function presenceItem(ctx: Context<MutationHeartbeatArgs, ChatStash>): Omit<PresenceItem, 'PK' | 'SK'> {
  const nowMs = ctx.stash.nowMs!;
  return {
    roomId: ctx.args.roomId,
    userId: callerId(ctx),
    username: callerName(ctx),
    lastSeenAt: ctx.stash.now!,
    lastSeenMs: nowMs,
    expiresAt: Math.floor(nowMs / 1000) + PRESENCE_TTL_SECONDS,
  };
}

export function request(ctx: Context<MutationHeartbeatArgs, ChatStash>): DynamoDBPutItemRequest {
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(presenceKey(ctx.args.roomId, callerId(ctx))),
    attributeValues: util.dynamodb.toMapValues(presenceItem(ctx)),
    condition: {
      expression: 'attribute_not_exists(#pk) OR #lastSeenMs <= :cutoff',
      expressionNames: { '#pk': 'PK', '#lastSeenMs': 'lastSeenMs' },
      expressionValues: util.dynamodb.toMapValues({ ':cutoff': ctx.stash.nowMs! - HEARTBEAT_INTERVAL_MS }),
    },
  };
}

export function response(ctx: Context<MutationHeartbeatArgs, ChatStash>): Presence {
  if (ctx.error) {
    if (ctx.error.type === CONDITION_FAILED) {
      limitExceeded(`heartbeat at most once every ${HEARTBEAT_INTERVAL_MS} ms per room`);
    }
    dataSourceError(ctx.error);
  }
  return toPresence({ PK: '', SK: '', ...presenceItem(ctx) });
}
