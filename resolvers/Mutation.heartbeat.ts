/**
 * Mutation.heartbeat: the caller is in the room for the next PRESENCE_TTL_SECONDS (members only).
 * The page sends one on entering a room and then every 20-30 s while it is open; onPresence
 * subscribers see each one, and Query.presence lists the heartbeats not yet expired.
 * Pipeline: requireMembership (BatchGetItem) -> putPresence (PutItem).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationHeartbeatArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<MutationHeartbeatArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  ctx.stash.nowMs = util.time.nowEpochMilliSeconds();
  ctx.stash.now = util.time.epochMilliSecondsToISO8601(ctx.stash.nowMs);
  return {};
}

export function response(ctx: Context<MutationHeartbeatArgs, ChatStash>) {
  return ctx.prev.result;
}
