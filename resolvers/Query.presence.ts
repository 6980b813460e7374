/**
 * Query.presence: who is here, i.e. the room's members whose last heartbeat has not expired.
 * Members only.
 * Pipeline: requireMembership (BatchGetItem) -> queryPresence (Query with an expiry filter).
 */
import type { Context } from '@aws-appsync/utils';
import type { QueryPresenceArgs } from './generated/graphql';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<QueryPresenceArgs>) {
  requireUlid('roomId', ctx.args.roomId);
  return {};
}

export function response(ctx: Context<QueryPresenceArgs>) {
  return ctx.prev.result;
}
