/**
 * Pipeline step of reportMessage: a user reports a message once. The claim item is written
 * before the workflow starts, so a second report is refused here (Conflict) and starts nothing.
 * Data source: chatTable, PutItem (ROOM#<roomId> / REPORTED#<messageId>#<sub>, with the report
 * id; condition attribute_not_exists(PK)).
 * Result: nothing the later steps need.
 */
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { MutationReportMessageArgs } from '../generated/graphql';
import { CONDITION_FAILED, conflict, dataSourceError } from '../lib/errors';
import { reportClaimKey } from '../lib/keys';
import type { ChatStash } from '../lib/stash';

export function request(ctx: Context<MutationReportMessageArgs, ChatStash>): DynamoDBPutItemRequest {
  const report = ctx.stash.report!;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(reportClaimKey(report.roomId, report.messageId, report.reporterId)),
    attributeValues: util.dynamodb.toMapValues({ reportId: report.id, createdAt: report.createdAt }),
    condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'PK' } },
  };
}

export function response(ctx: Context<MutationReportMessageArgs, ChatStash>) {
  if (ctx.error) {
    if (ctx.error.type === CONDITION_FAILED) {
      conflict('You have already reported this message');
    }
    dataSourceError(ctx.error);
  }
  return {};
}
