/**
 * Pipeline step of resolveReport: the report must exist (NotFound), still be OPEN and its
 * workflow be waiting with a task token (Conflict otherwise: decided already, or an instant too
 * early for a report the workflow is still recording).
 * Data source: chatTable, GetItem (REPORT#<reportId> / REPORT, strongly consistent).
 * Result: the stored report, also in ctx.stash.reportItem.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { MutationResolveReportArgs } from '../generated/graphql';
import { conflict, dataSourceError, notFound } from '../lib/errors';
import { reportKey } from '../lib/keys';
import type { ReportItem } from '../lib/reports';
import type { ChatStash } from '../lib/stash';

export function request(ctx: Context<MutationResolveReportArgs, ChatStash>): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(reportKey(ctx.args.reportId)), consistentRead: true };
}

export function response(ctx: Context<MutationResolveReportArgs, ChatStash>) {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const item = ctx.result as ReportItem | null;
  if (!item) {
    notFound('Report not found');
  }
  if (item.status !== 'OPEN') {
    conflict(`The report is already ${item.status}`);
  }
  if (!item.taskToken) {
    conflict('The report is not waiting for a decision yet; retry in a moment');
  }
  ctx.stash.reportItem = item;
  return item;
}
