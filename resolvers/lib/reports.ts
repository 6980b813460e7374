/**
 * Moderation reports: the stored item, how it becomes a Report, and the argument rules of
 * reportMessage and resolveReport. The moderation workflow (infra/moderation-workflow.ts) writes
 * the item; the resolvers read it.
 */
import type { Report, ReportDecision, ReportStatus } from '../generated/graphql';
import { validationError } from './errors';

export const MAX_REASON_LENGTH = 500;
export const MAX_NOTE_LENGTH = 500;

export type ReportItem = {
  PK: string;
  SK: string;
  reportId: string;
  roomId: string;
  messageId: string;
  reporterId: string;
  reason: string;
  status: ReportStatus;
  createdAt: string;
  /** Set by the WaitForDecision state; removed when the report closes. */
  taskToken?: string;
  decidedBy?: string;
  note?: string;
  decidedAt?: string;
};

/** What the workflow gets from reportMessage: { report: ReportInput } (its execution input). */
export type ReportInput = Pick<Report, 'id' | 'roomId' | 'messageId' | 'reporterId' | 'reason' | 'createdAt'>;

/** What resolveReport sends with SendTaskSuccess: the WaitForDecision state's output. */
export type DecisionOutput = { decision: ReportDecision; status: ReportStatus; decidedBy: string; note: string; decidedAt: string };

export function toReport(item: ReportItem): Report {
  return {
    id: item.reportId,
    roomId: item.roomId,
    messageId: item.messageId,
    reporterId: item.reporterId,
    reason: item.reason,
    status: item.status,
    createdAt: item.createdAt,
    decidedBy: item.decidedBy ?? null,
    // The workflow stores "no note" as an empty string (its DynamoDB tasks need a string).
    note: item.note ? item.note : null,
    decidedAt: item.decidedAt ?? null,
  };
}

/** The status a decision gives the report. */
export function statusOfDecision(decision: ReportDecision): ReportStatus {
  if (decision === 'REMOVE') {
    return 'REMOVED';
  }
  return 'DISMISSED';
}

export function requireReason(value: string): string {
  if (value.trim().length === 0) {
    validationError('reason must not be empty');
  }
  if (value.length > MAX_REASON_LENGTH) {
    validationError(`reason must be at most ${MAX_REASON_LENGTH} characters`);
  }
  return value;
}

export function requireNote(value: string | null | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value.length > MAX_NOTE_LENGTH) {
    validationError(`note must be at most ${MAX_NOTE_LENGTH} characters`);
  }
  return value;
}
