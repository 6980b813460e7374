/**
 * Mutation.resolveReport: an Admin's decision on an open report, sent to the waiting workflow
 * (SendTaskSuccess), which then removes the message (deleteMessage, seen by onMessageChanged)
 * or dismisses the report.
 * Pipeline: getReport (GetItem) -> sendDecision (HTTP SendTaskSuccess).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationResolveReportArgs } from './generated/graphql';
import { callerId } from './lib/caller';
import { requireNote, statusOfDecision } from './lib/reports';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<MutationResolveReportArgs, ChatStash>) {
  requireUlid('reportId', ctx.args.reportId);
  ctx.stash.decision = {
    decision: ctx.args.decision,
    status: statusOfDecision(ctx.args.decision),
    decidedBy: callerId(ctx),
    note: requireNote(ctx.args.note),
    decidedAt: util.time.nowISO8601(),
  };
  return {};
}

export function response(ctx: Context<MutationResolveReportArgs, ChatStash>) {
  return ctx.prev.result;
}
