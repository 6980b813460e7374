import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDataSourceInvoker, invokeNoneDataSource } from '../../../local/datasources';
import { toDataSourceError } from '../../../local/datasources/dynamodb-errors';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

describe('NONE data source', () => {
  it.each<[string, unknown, unknown]>([
    ['an object payload', { payload: { a: 1 } }, { a: 1 }],
    ['a scalar payload', { payload: 5 }, 5],
    ['a null payload', { payload: null }, null],
    ['no payload', {}, null],
    ['a request that is not an object', 'x', null],
  ])('passes %s through as the result', async (_name, request, result) => {
    expect(await invokeNoneDataSource(request)).toEqual({ result });
  });
});

describe('data source errors', () => {
  it('maps a DynamoDB exception to DynamoDB:<code> with AppSync-style details', () => {
    const error = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400, requestId: 'REQ1' } });
    expect(toDataSourceError(error)).toEqual({
      type: 'DynamoDB:ConditionalCheckFailedException',
      message: 'The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: REQ1; Proxy: null)',
    });
  });

  it('still answers with an error when DynamoDB cannot be reached', async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const client = new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const invoke = createDataSourceInvoker({ dataSources: { Table: { kind: 'AMAZON_DYNAMODB' } }, dynamodb: { client, tableName: 'Chat' } });
    const answer = await invoke('Table', { operation: 'GetItem', key: { PK: { S: 'a' }, SK: { S: 'b' } } });
    client.destroy();
    // DynamoDB's own 503 (API reference, "Error handling"), in AppSync's ctx.error form.
    expect(answer).toEqual({
      error: {
        type: 'DynamoDB:ServiceUnavailable',
        message:
          'DynamoDB is currently unavailable. (This should be a temporary state.) (Service: AmazonDynamoDBv2; Status Code: 503; Error Code: ServiceUnavailable; Request ID: null; Proxy: null)',
      },
    });
  });
});
