/**
 * Query.myInvitations: the rooms the caller is invited to and has not joined (user-pool callers only).
 * Pipeline: queryMyInvitations (Query on GSI1).
 */
import type { Context } from '@aws-appsync/utils';

export function request(_ctx: Context) {
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
