// util.error, util.appendError and util.unauthorized.
import type { EvaluationRecord } from '../../contract';
import { APPEND_ERROR_IGNORES_NON_STRING_ARGS } from '../aws-unverified';
import { errorSignal, unauthorizedSignal } from '../signals';

/**
 * AWS quirk (aws-appsync-community#384): util.error(25) or util.error("abc", 25) is silently a
 * no-op instead of raising. The message must be a string; errorType may be absent or a string.
 */
export function isIgnoredErrorCall(message: unknown, errorType: unknown): boolean {
  return typeof message !== 'string' || (errorType !== undefined && errorType !== null && typeof errorType !== 'string');
}

const orNull = (value: unknown) => (value === undefined ? null : value);

export function createErrorUtils(currentRecord: () => EvaluationRecord) {
  return {
    error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never {
      // Resolver code cannot observe the difference: the call returns and evaluation continues.
      if (isIgnoredErrorCall(message, errorType)) return undefined as never;
      throw errorSignal(message, (orNull(errorType) as string | null), orNull(data), orNull(errorInfo));
    },
    appendError(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void {
      if (APPEND_ERROR_IGNORES_NON_STRING_ARGS && isIgnoredErrorCall(message, errorType)) return;
      currentRecord().outErrors.push({
        message,
        errorType: (orNull(errorType) as string | null),
        data: orNull(data),
        errorInfo: orNull(errorInfo),
      });
    },
    unauthorized(): never {
      throw unauthorizedSignal();
    },
  };
}
