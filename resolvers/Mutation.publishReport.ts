/**
 * Mutation.publishReport (IAM only): the moderation workflow's ReportOpened event, delivered by
 * an EventBridge rule, becomes an onReport event for the Admins. Nothing is stored: the
 * workflow recorded the report before it sent the event.
 * Pipeline: passReport (NONE).
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationPublishReportArgs, Report } from './generated/graphql';

export function request() {
  return {};
}

export function response(ctx: Context<MutationPublishReportArgs>): Report {
  const args = ctx.prev.result as MutationPublishReportArgs;
  return { ...args, status: 'OPEN', decidedBy: null, note: null, decidedAt: null };
}
