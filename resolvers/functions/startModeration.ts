/**
 * Pipeline step of reportMessage: starts the moderation workflow (a Standard execution named
 * after the report id, so a repeated start is the same execution, not a second one).
 * Data source: stepFunctions, HTTP POST StartExecution (stateMachineArn from ctx.env).
 * Result: the Report as it opens.
 */
import { util } from '@aws-appsync/utils';
import type { Context, HTTPResult } from '@aws-appsync/utils';
import type { MutationReportMessageArgs, Report } from '../generated/graphql';
import { dataSourceError } from '../lib/errors';
import type { ReportInput } from '../lib/reports';
import type { ChatStash } from '../lib/stash';
import { readStepFunctionsAnswer, stepFunctionsRequest } from '../lib/step-functions';

export function request(ctx: Context<MutationReportMessageArgs, ChatStash>) {
  const report = ctx.stash.report!;
  const input: ReportInput = {
    id: report.id,
    roomId: report.roomId,
    messageId: report.messageId,
    reporterId: report.reporterId,
    reason: report.reason,
    createdAt: report.createdAt,
  };
  return stepFunctionsRequest('StartExecution', {
    stateMachineArn: ctx.env.MODERATION_STATE_MACHINE_ARN,
    name: report.id,
    input: JSON.stringify({ report: input }),
  });
}

export function response(ctx: Context<MutationReportMessageArgs, ChatStash, Record<string, unknown>, Record<string, unknown>, HTTPResult>): Report {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const answer = readStepFunctionsAnswer(ctx.result);
  if (!answer.ok) {
    util.error(answer.message, `StepFunctions:${answer.errorName}`);
  }
  return ctx.stash.report!;
}
