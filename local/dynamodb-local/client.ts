import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A client for a local endpoint. DynamoDB Local runs with -sharedDb, so region and
 * credentials only need to be present, not real.
 */
export function createLocalDynamoDBClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}
