import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import type { DataSourceError } from './result';
import { DynamoDBUnavailableError } from './dynamodb-unavailable';
import { RequestError } from './request-error';

/**
 * Turns whatever a DynamoDB call threw into AppSync's ctx.error: type "DynamoDB:<ErrorCode>"
 * and a message in the form AppSync prints, e.g.
 * "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code:
 * ConditionalCheckFailedException; Request ID: ...; Proxy: null)".
 */
export function toDataSourceError(error: unknown): DataSourceError {
  if (error instanceof RequestError) return { type: error.type, message: error.message };
  if (error instanceof DynamoDBUnavailableError) {
    // No answer at all, so no request id: DynamoDB's 503, as AppSync would pass it on.
    return {
      type: 'DynamoDB:ServiceUnavailable',
      message: `${error.message} (Service: AmazonDynamoDBv2; Status Code: 503; Error Code: ServiceUnavailable; Request ID: null; Proxy: null)`,
    };
  }
  if (error instanceof DynamoDBServiceException) {
    const code = error.name;
    const status = error.$metadata.httpStatusCode ?? 400;
    const requestId = error.$metadata.requestId ?? 'null';
    return {
      type: `DynamoDB:${code}`,
      message: `${error.message} (Service: AmazonDynamoDBv2; Status Code: ${status}; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`,
    };
  }
  // Anything else thrown on the way (a bug, not DynamoDB): still an error, never a crash.
  const name = error instanceof Error ? error.name : 'UnknownError';
  const message = error instanceof Error ? error.message : String(error);
  return { type: `DynamoDB:${name}`, message };
}
