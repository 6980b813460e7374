/**
 * Pipeline step of listReports: one page of the reports in one status, newest first (GSI1
 * REPORTS#<status> / REPORT#<ulid>). A foreign nextToken is a ValidationError.
 * Data source: chatTable, Query on index GSI1 (scanIndexForward false).
 * Result: ReportPage.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryListReportsArgs, ReportPage } from '../generated/graphql';
import { dataSourceError, validationError } from '../lib/errors';
import { reportStatusPartition } from '../lib/keys';
import type { ReportItem } from '../lib/reports';
import { toReport } from '../lib/reports';
import type { ChatStash } from '../lib/stash';
import { BAD_NEXT_TOKEN_ERROR_TYPES } from './queryMessages';

export function request(ctx: Context<QueryListReportsArgs, ChatStash>): DynamoDBQueryRequest {
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: 'GSI1',
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'GSI1PK' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': reportStatusPartition(ctx.args.status ?? 'OPEN') }),
    },
    scanIndexForward: false,
    limit: ctx.stash.limit,
  };
  if (ctx.args.nextToken) {
    query.nextToken = ctx.args.nextToken;
  }
  return query;
}

export function response(ctx: Context<QueryListReportsArgs, ChatStash>): ReportPage {
  if (ctx.error) {
    if (ctx.args.nextToken && BAD_NEXT_TOKEN_ERROR_TYPES.includes(ctx.error.type)) {
      validationError('nextToken is not a token of this report list');
    }
    dataSourceError(ctx.error);
  }
  const items: ReportItem[] = ctx.result.items ?? [];
  return { items: items.map((item) => toReport(item)), nextToken: ctx.result.nextToken ?? null };
}
