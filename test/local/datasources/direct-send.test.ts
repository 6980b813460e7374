// directSend (local/datasources/dynamodb/direct-send.ts) answers what the AWS SDK's client.send
// answers, on a real DynamoDB Local: the same outputs (binary values as bytes, pages, batch
// results), the same exception classes and fields for refusals, the same failure when nothing
// answers. The SDK is the reference each case is compared with.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  ScanCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { directSend, SigningKeys } from '../../../local/datasources/dynamodb/direct-send';
import { createLocalDynamoDBClient } from '../../../local/dynamodb-local';
import { findFreePort } from '../../../local/dynamodb-local/free-port';
import { useTestDynamoDB } from '../../support/dynamodb';

const db = useTestDynamoDB();
type Command = { input: object };
/** client.send for any of the commands (its overloads take one command type at a time). */
const sdkSend = (command: Command, options?: { abortSignal?: AbortSignal }): Promise<unknown> => db.client.send(command as never, options);
let direct: ReturnType<typeof directSend>;

beforeAll(() => {
  direct = directSend(db.client);
});

const key = (PK: string, SK: string) => ({ PK: { S: PK }, SK: { S: SK } });
const bytes = (...values: number[]) => new Uint8Array(values);

/** An output without what differs from call to call (the request id). */
function comparable(output: unknown): unknown {
  const { $metadata, ...rest } = output as { $metadata: Record<string, unknown> };
  return { ...rest, $metadata: { httpStatusCode: $metadata.httpStatusCode, attempts: $metadata.attempts } };
}

async function both(make: () => Command): Promise<{ sdk: unknown; direct: unknown }> {
  const sdk = await sdkSend(make());
  return { sdk: comparable(sdk), direct: comparable(await direct(make())) };
}

async function failure(call: () => Promise<unknown>): Promise<Error> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** An exception's class, message, fault, status and own fields (the request id left out). */
function describeError(error: Error): Record<string, unknown> {
  const { $metadata, ...fields } = error as unknown as { $metadata?: Record<string, unknown> };
  return {
    class: Object.getPrototypeOf(error).constructor.name,
    name: error.name,
    message: error.message,
    status: $metadata?.httpStatusCode,
    fields: Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'stack')),
  };
}

async function bothFail(make: () => Command): Promise<{ sdk: Record<string, unknown>; direct: Record<string, unknown> }> {
  const sdk = await failure(() => sdkSend(make()));
  return { sdk: describeError(sdk), direct: describeError(await failure(() => direct(make()))) };
}

const everyType = {
  ...key('DIRECT#types', 'A'),
  text: { S: 'hé "quoted"\n' },
  count: { N: '42' },
  blob: { B: bytes(0, 1, 2, 250, 255) },
  blobs: { BS: [bytes(1), bytes(2, 3)] },
  strings: { SS: ['a', 'b'] },
  numbers: { NS: ['1', '2.5'] },
  flag: { BOOL: true },
  nothing: { NULL: true },
  list: { L: [{ S: 'x' }, { B: bytes(9) }, { M: { B: { S: 'an attribute named B' } } }] },
  map: { M: { inner: { N: '-1' }, B: { B: bytes(7) } } },
};

describe('directSend answers as client.send does', () => {
  beforeAll(async () => {
    await db.client.send(new PutItemCommand({ TableName: db.tableName, Item: everyType }));
    for (let i = 0; i < 5; i++) await db.client.send(new PutItemCommand({ TableName: db.tableName, Item: { ...key('DIRECT#page', `MSG#${i}`), n: { N: String(i) } } }));
  });

  it('reads every attribute type back the same, bytes as Uint8Array', async () => {
    const { sdk, direct: answer } = await both(() => new GetItemCommand({ TableName: db.tableName, Key: key('DIRECT#types', 'A'), ConsistentRead: true }));
    expect(answer).toEqual(sdk);
    expect((answer as { Item: { blob: { B: unknown } } }).Item.blob.B).toBeInstanceOf(Uint8Array);
  });

  it('writes bytes the same: an item put directly reads back equal to the one put through the SDK', async () => {
    await direct(new PutItemCommand({ TableName: db.tableName, Item: { ...everyType, SK: { S: 'B' } } }));
    const read = (SK: string) => db.client.send(new GetItemCommand({ TableName: db.tableName, Key: key('DIRECT#types', SK), ConsistentRead: true }));
    const viaSdk = (await read('A')).Item;
    const viaDirect = (await read('B')).Item;
    expect(viaDirect).toEqual({ ...viaSdk, SK: { S: 'B' } });
  });

  it('a missing item, a page of a query with its LastEvaluatedKey, a scan count', async () => {
    const none = await both(() => new GetItemCommand({ TableName: db.tableName, Key: key('DIRECT#none', 'A') }));
    expect(none.direct).toEqual(none.sdk);
    const page = await both(() => new QueryCommand({ TableName: db.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': { S: 'DIRECT#page' } }, Limit: 2, ScanIndexForward: false }));
    expect(page.direct).toEqual(page.sdk);
    expect(page.direct).toHaveProperty('LastEvaluatedKey');
    const scan = await both(() => new ScanCommand({ TableName: db.tableName, Select: 'COUNT' }));
    expect(scan.direct).toEqual(scan.sdk);
  });

  it('batch reads and transactional reads', async () => {
    const batch = await both(() => new BatchGetItemCommand({ RequestItems: { [db.tableName]: { Keys: [key('DIRECT#page', 'MSG#1'), key('DIRECT#none', 'X')], ConsistentRead: true } } }));
    expect(batch.direct).toEqual(batch.sdk);
    const transact = await both(() => new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: db.tableName, Key: key('DIRECT#types', 'A') } }, { Get: { TableName: db.tableName, Key: key('DIRECT#none', 'X') } }] }));
    expect(transact.direct).toEqual(transact.sdk);
  });

  it('writes: UpdateItem ALL_NEW, DeleteItem ALL_OLD, BatchWriteItem, TransactWriteItems', async () => {
    const update = (SK: string) => new UpdateItemCommand({ TableName: db.tableName, Key: key('DIRECT#w', SK), UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '1' } }, ReturnValues: 'ALL_NEW' });
    const updatedSdk = comparable(await db.client.send(update('S'))) as { Attributes: Record<string, unknown> };
    const updatedDirect = comparable(await direct(update('D')));
    expect(updatedDirect).toEqual({ ...updatedSdk, Attributes: { ...updatedSdk.Attributes, SK: { S: 'D' } } });
    const remove = (SK: string) => new DeleteItemCommand({ TableName: db.tableName, Key: key('DIRECT#w', SK), ReturnValues: 'ALL_OLD' });
    const removedSdk = comparable(await db.client.send(remove('S'))) as { Attributes: Record<string, unknown> };
    const removedDirect = comparable(await direct(remove('D'))) as { Attributes: Record<string, unknown> };
    expect(removedDirect).toEqual({ ...removedSdk, Attributes: { ...removedSdk.Attributes, SK: { S: 'D' } } });
    const batch = (SK: string) => new BatchWriteItemCommand({ RequestItems: { [db.tableName]: [{ PutRequest: { Item: key('DIRECT#w', SK) } }] } });
    expect(comparable(await direct(batch('BD')))).toEqual(comparable(await db.client.send(batch('BS'))));
    const transact = (SK: string) => new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: db.tableName, Item: key('DIRECT#w', SK), ConditionExpression: 'attribute_not_exists(PK)' } }] });
    expect(comparable(await direct(transact('TD')))).toEqual(comparable(await db.client.send(transact('TS'))));
  });

  it('a failed condition: ConditionalCheckFailedException with the stored item', async () => {
    const { sdk, direct: answer } = await bothFail(
      () => new PutItemCommand({ TableName: db.tableName, Item: key('DIRECT#types', 'A'), ConditionExpression: 'attribute_not_exists(PK)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
    );
    expect(answer).toEqual(sdk);
    expect(sdk.class).toBe(ConditionalCheckFailedException.name);
  });

  it('a cancelled transaction: TransactionCanceledException with its reasons and the stored item', async () => {
    const { sdk, direct: answer } = await bothFail(
      () =>
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: db.tableName, Item: key('DIRECT#new', 'A') } },
            { Put: { TableName: db.tableName, Item: key('DIRECT#types', 'A'), ConditionExpression: 'attribute_not_exists(PK)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
          ],
        }),
    );
    expect(answer).toEqual(sdk);
    expect(sdk.class).toBe(TransactionCanceledException.name);
  });

  it('a missing table (a modeled exception) and a bad expression (an unmodeled one)', async () => {
    const missing = await bothFail(() => new GetItemCommand({ TableName: 'no-such-table', Key: key('A', 'B') }));
    expect(missing.direct).toEqual(missing.sdk);
    expect(missing.sdk.class).toBe(ResourceNotFoundException.name);
    const invalid = await bothFail(() => new QueryCommand({ TableName: db.tableName, KeyConditionExpression: 'PK = = :pk', ExpressionAttributeValues: { ':pk': { S: 'x' } } }));
    expect(invalid.direct).toEqual(invalid.sdk);
    expect(invalid.sdk).toMatchObject({ class: DynamoDBServiceException.name, name: 'ValidationException', status: 400 });
  });

  it('leaves other commands to the SDK', async () => {
    const described = (await direct(new DescribeTableCommand({ TableName: db.tableName }))) as { Table: { CreationDateTime: unknown } };
    expect(described.Table.CreationDateTime).toBeInstanceOf(Date);
  });
});

describe('when nothing answers', () => {
  it('a refused connection fails as through the SDK, after the same attempts', async () => {
    const port = await findFreePort();
    const client = createLocalDynamoDBClient(`http://127.0.0.1:${port}`);
    try {
      const make = () => new GetItemCommand({ TableName: 't', Key: key('A', 'B') });
      type Refused = NodeJS.ErrnoException & { $metadata?: { attempts?: number } };
      const viaSdk = (await failure(() => client.send(make()))) as Refused;
      const viaDirect = (await failure(() => directSend(client)(make()))) as Refused;
      // (Under jest the SDK wraps the error of another realm: its message names the code.)
      expect(viaSdk.code ?? viaSdk.message).toMatch(/ECONNREFUSED/);
      expect(viaDirect.code).toBe('ECONNREFUSED');
      expect(viaDirect.$metadata?.attempts).toBe(viaSdk.$metadata?.attempts);
    } finally {
      client.destroy();
    }
  });

  it('an aborted call fails with an AbortError, as through the SDK', async () => {
    const make = () => new GetItemCommand({ TableName: db.tableName, Key: key('A', 'B') });
    const signal = AbortSignal.abort();
    const viaSdk = await failure(() => sdkSend(make(), { abortSignal: signal }));
    const viaDirect = await failure(() => direct(make(), { abortSignal: signal }));
    expect(viaSdk.name).toBe('AbortError');
    expect(viaDirect.name).toBe('AbortError');
  });
});

describe('SigV4', () => {
  it('signs as @smithy/signature-v4 does', async () => {
    const at = Date.UTC(2026, 11, 4, 18, 30, 15);
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
    const body = '{"TableName":"t","Key":{"PK":{"S":"a"}}}';
    const ours = new SigningKeys(() => at).sign({ host: '127.0.0.1:8000', path: '/', body, target: 'DynamoDB_20120810.GetItem', region: 'eu-west-1', credentials });
    const signedHeaders = Object.fromEntries(Object.entries(ours).filter(([name]) => name !== 'authorization' && name !== 'content-length'));
    const reference = await new SignatureV4({ credentials, region: 'eu-west-1', service: 'dynamodb', sha256: Sha256, uriEscapePath: true, applyChecksum: false }).sign(
      new HttpRequest({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 8000, path: '/', headers: signedHeaders, body }),
      { signingDate: new Date(at) },
    );
    expect(ours.authorization).toBe(reference.headers.authorization);
  });
});
