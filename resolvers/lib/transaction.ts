/**
 * Reading a cancelled TransactWriteItems. AppSync puts one reason per request item, in request
 * order, in ctx.result.cancellationReasons; a reason's type is DynamoDB's CancellationReason
 * Code ('None', 'ConditionalCheckFailed', 'TransactionConflict', ...). The reference marks
 * AppSync's naming of these codes UNVERIFIED (reference/appsync-js-runtime.md §6.2).
 */

/** ctx.error.type of a cancelled transaction. */
export const TRANSACTION_CANCELED = 'DynamoDB:TransactionCanceledException';

export const CONDITION_FAILED_REASON = 'ConditionalCheckFailed';
export const CONFLICT_REASON = 'TransactionConflict';

export type CancellationReason<Item = Record<string, unknown>> = { type?: string; message?: string | null; item?: Item | null } | null;

/** The reasons of a cancelled transaction; empty for any other error. */
export function cancellationReasons<Item = Record<string, unknown>>(
  error: { type: string },
  result: { cancellationReasons?: CancellationReason<Item>[] | null } | null | undefined,
): CancellationReason<Item>[] {
  if (error.type !== TRANSACTION_CANCELED) {
    return [];
  }
  return result?.cancellationReasons ?? [];
}

/** The request item at index failed its condition. */
export function conditionFailedAt(reasons: CancellationReason<unknown>[], index: number): boolean {
  const reason = reasons[index];
  return reason !== null && reason !== undefined && reason.type === CONDITION_FAILED_REASON;
}

/** Another transaction was changing one of the items: the request may be retried as it is. */
export function conflictedWithAnother(reasons: CancellationReason<unknown>[]): boolean {
  return reasons.some((reason) => reason !== null && reason.type === CONFLICT_REASON);
}
