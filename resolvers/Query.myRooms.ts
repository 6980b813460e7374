/**
 * Query.myRooms: the rooms the caller belongs to (user-pool callers only).
 * Pipeline: queryMyRooms (Query on GSI1).
 */
import type { Context } from '@aws-appsync/utils';

export function request(_ctx: Context) {
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
