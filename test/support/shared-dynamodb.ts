/** The endpoint of the run's shared in-memory DynamoDB Local (set by jest-global-setup.ts). */
export const SHARED_DYNAMODB_ENV = 'APPSYNC_TEST_SHARED_DYNAMODB_ENDPOINT';

export function sharedDynamoDBEndpoint(): string | undefined {
  return process.env[SHARED_DYNAMODB_ENV] || undefined;
}
