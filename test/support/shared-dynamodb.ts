import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';

/** The endpoint of the run's shared in-memory DynamoDB Local (set by jest-global-setup.ts). */
export const SHARED_DYNAMODB_ENV = 'APPSYNC_TEST_SHARED_DYNAMODB_ENDPOINT';

export function sharedDynamoDBEndpoint(): string | undefined {
  return process.env[SHARED_DYNAMODB_ENV] || undefined;
}

/** A table of its own for a test file on a shared DynamoDB: the file's name and 8 random characters. */
export function testTableName(): string {
  const fileName = basename(expect.getState().testPath ?? 'test').replace(/[^a-zA-Z0-9_.-]/g, '_');
  return `${fileName}-${randomUUID().slice(0, 8)}`.slice(-200);
}
