import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { RequestError } from './request-error';

/**
 * DynamoDB gave no answer: the call timed out, or the connection was refused or cut (DynamoDB
 * Local is stopped, dead or restarting). Reported as DynamoDB's own 503, ServiceUnavailable,
 * "DynamoDB is currently unavailable. (This should be a temporary state.)" (DynamoDB API
 * reference, "Error handling"), which is what AppSync passes on for a table that cannot answer.
 */
export class DynamoDBUnavailableError extends Error {
  constructor(readonly reason: string) {
    super('DynamoDB is currently unavailable. (This should be a temporary state.)');
    this.name = 'DynamoDBUnavailableError';
  }
}

/**
 * True when an error from the SDK means DynamoDB did not answer the call (nothing, or a 5xx),
 * as opposed to answering it with a refusal such as ConditionalCheckFailedException.
 */
export function isNoAnswer(error: unknown): boolean {
  if (error instanceof RequestError) return false;
  if (error instanceof DynamoDBServiceException) return (error.$metadata.httpStatusCode ?? 400) >= 500;
  return true;
}
