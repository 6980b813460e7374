/**
 * The stable errorTypes of the chat API and one raiser per type. util.error stops the handler
 * (and the pipeline), so each raiser returns never.
 */
import { util } from '@aws-appsync/utils';

export const ERROR_TYPES = {
  validation: 'ValidationError',
  notFound: 'NotFound',
  unauthorized: 'Unauthorized',
  conflict: 'Conflict',
  limitExceeded: 'LimitExceeded',
} as const;

/** Bad arguments: nothing was read or written. */
export function validationError(message: string): never {
  return util.error(message, ERROR_TYPES.validation);
}

/** The room or message does not exist. */
export function notFound(message: string): never {
  return util.error(message, ERROR_TYPES.notFound);
}

/** The caller is not a member, not the owner, or not allowed. */
export function unauthorized(message: string): never {
  return util.error(message, ERROR_TYPES.unauthorized);
}

/** The request conflicts with the stored state (e.g. editing a deleted message). */
export function conflict(message: string): never {
  return util.error(message, ERROR_TYPES.conflict);
}

/** The caller went past a rate or size bound (resolvers/lib/limits.ts); nothing changed. */
export function limitExceeded(message: string): never {
  return util.error(message, ERROR_TYPES.limitExceeded);
}

/** A data-source error nobody expected: pass it on with its DynamoDB type. */
export function dataSourceError(error: { message: string; type: string }): never {
  return util.error(error.message, error.type);
}

/** ctx.error.type of a conditional write whose condition did not hold. */
export const CONDITION_FAILED = 'DynamoDB:ConditionalCheckFailedException';

/**
 * After a conditional write failed, AppSync leaves the item as it is stored now in ctx.result.
 * Passes on any other data-source error and raises NotFound when there is no such item; returns
 * the stored item, from which the caller names the condition that failed.
 */
export function storedItemAfterFailedCondition<T>(error: { message: string; type: string }, stored: T | null | undefined, notFoundMessage: string): T {
  if (error.type !== CONDITION_FAILED) {
    dataSourceError(error);
  }
  if (!stored) {
    notFound(notFoundMessage);
  }
  return stored;
}
