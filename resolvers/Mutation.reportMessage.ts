/**
 * Mutation.reportMessage: a member reports a message of the room, once per message; the
 * moderation workflow (Standard Step Functions) takes it from there: records the report, tells
 * the Admins (onReport) and waits for resolveReport.
 * Pipeline: requireMembership (BatchGetItem) -> requireMessage (GetItem) -> claimReport (PutItem)
 * -> startModeration (HTTP StartExecution).
 */
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { MutationReportMessageArgs } from './generated/graphql';
import { callerId } from './lib/caller';
import { requireReason } from './lib/reports';
import type { ChatStash } from './lib/stash';
import { requireUlid } from './lib/validate';

export function request(ctx: Context<MutationReportMessageArgs, ChatStash>) {
  requireUlid('roomId', ctx.args.roomId);
  requireUlid('messageId', ctx.args.messageId);
  const reason = requireReason(ctx.args.reason);
  ctx.stash.report = {
    id: util.autoUlid(),
    roomId: ctx.args.roomId,
    messageId: ctx.args.messageId,
    reporterId: callerId(ctx),
    reason,
    status: 'OPEN',
    createdAt: util.time.nowISO8601(),
    decidedBy: null,
    note: null,
    decidedAt: null,
  };
  return {};
}

export function response(ctx: Context<MutationReportMessageArgs, ChatStash>) {
  return ctx.prev.result;
}
