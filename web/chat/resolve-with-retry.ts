/**
 * resolveReport, retried while the workflow has not stored its task token yet: just after a
 * report is made the API answers Conflict "not waiting for a decision yet; retry in a moment".
 * Any other Conflict means the report was decided already and is thrown at once.
 */
import { chatApi, type Decision, type Report } from './api';
import { errorTypeOf } from '../shared/errors';

/** Pauses between attempts (doubling): about 7.5 s in all, well past the workflow's first steps. */
export const RESOLVE_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000] as const;

export function isNotWaitingYet(error: unknown): boolean {
  const message = (error as { errors?: Array<{ message?: string }> } | null)?.errors?.[0]?.message ?? '';
  return errorTypeOf(error) === 'Conflict' && /not waiting/i.test(message);
}

export async function resolveWithRetry(reportId: string, decision: Decision, note: string | null): Promise<Report> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await chatApi.resolveReport(reportId, decision, note);
    } catch (e) {
      const delay = RESOLVE_RETRY_DELAYS_MS[attempt];
      if (!isNotWaitingYet(e) || delay === undefined) throw e;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
