import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A client for a local endpoint. DynamoDB Local runs with -sharedDb, so region and
 * credentials only need to be present, not real. Given a function, the client asks it for
 * the endpoint on every call, so it follows a DynamoDB Local restarted on another port.
 */
export function createLocalDynamoDBClient(endpoint: string | (() => string)): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: typeof endpoint === 'string' ? endpoint : () => Promise.resolve(toEndpoint(endpoint())),
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

function toEndpoint(url: string) {
  const { protocol, hostname, port, pathname } = new URL(url);
  return { protocol, hostname, port: port === '' ? undefined : Number(port), path: pathname };
}
