/**
 * Bounds on data-source calls, in one place (the README's limits table lists them). AppSync
 * ends a whole request after 30 s [GRAPHBOLT in reference/appsync-js-runtime.md]; a pipeline
 * makes a few DynamoDB calls in sequence, so each one gets well under that.
 */
export const DATA_SOURCE_LIMITS = {
  /**
   * One DynamoDB call (the SDK's retries included) that has no answer after this is abandoned
   * and answered DynamoDB:ServiceUnavailable. The SDK's own requestTimeout only logs a warning,
   * so the twin aborts the call with an AbortSignal instead.
   */
  dynamodbCallTimeoutMs: 5_000,
} as const;
