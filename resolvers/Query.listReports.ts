/**
 * Query.listReports: Admins page through the reports in one status (default OPEN), newest first.
 * Pipeline: queryReports (Query on GSI1).
 */
import type { Context } from '@aws-appsync/utils';
import type { QueryListReportsArgs } from './generated/graphql';
import type { ChatStash } from './lib/stash';
import { requirePageSize } from './lib/validate';

export function request(ctx: Context<QueryListReportsArgs, ChatStash>) {
  ctx.stash.limit = requirePageSize(ctx.args.limit);
  return {};
}

export function response(ctx: Context<QueryListReportsArgs, ChatStash>) {
  return ctx.prev.result;
}
