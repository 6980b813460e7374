/**
 * Pipeline step of resolveReport: hands the decision to the waiting workflow. A token the
 * workflow no longer waits on (another Admin decided first, or the timeout dismissed the
 * report) is refused by Step Functions: Conflict, and nothing changes.
 * Data source: stepFunctions, HTTP POST SendTaskSuccess (the report's task token).
 * Result: the Report with the decision (its status is the one the workflow now sets).
 */
import type { Context, HTTPResult } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { MutationResolveReportArgs, Report } from '../generated/graphql';
import { conflict, dataSourceError } from '../lib/errors';
import { toReport } from '../lib/reports';
import type { ChatStash } from '../lib/stash';
import { readStepFunctionsAnswer, stepFunctionsRequest } from '../lib/step-functions';

/** Step Functions' answers for a token that is no longer waited on. */
const TOKEN_GONE = ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'];

export function request(ctx: Context<MutationResolveReportArgs, ChatStash>) {
  return stepFunctionsRequest('SendTaskSuccess', { taskToken: ctx.stash.reportItem!.taskToken, output: JSON.stringify(ctx.stash.decision) });
}

export function response(ctx: Context<MutationResolveReportArgs, ChatStash, Record<string, unknown>, Record<string, unknown>, HTTPResult>): Report {
  if (ctx.error) {
    dataSourceError(ctx.error);
  }
  const answer = readStepFunctionsAnswer(ctx.result);
  if (!answer.ok) {
    if (TOKEN_GONE.includes(answer.errorName)) {
      conflict('The report was decided already');
    }
    util.error(answer.message, `StepFunctions:${answer.errorName}`);
  }
  const decision = ctx.stash.decision!;
  return { ...toReport(ctx.stash.reportItem!), status: decision.status, decidedBy: decision.decidedBy, note: decision.note ? decision.note : null, decidedAt: decision.decidedAt };
}
