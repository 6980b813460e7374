import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { DescribeTableCommand, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBLocalStartError,
  JavaNotFoundError,
  createLocalDynamoDBClient,
  ensureTable,
  startDynamoDBLocal,
  type DynamoDBLocal,
} from '../../../local/dynamodb-local';

const LAUNCH_TIMEOUT_MS = 60000;

/** True while something answers DynamoDB calls at the endpoint. */
async function answers(endpoint: string): Promise<boolean> {
  const client = createLocalDynamoDBClient(endpoint);
  try {
    await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/**
 * A TCP connection to the endpoint, held open: the kernel closes it when the process that
 * accepted it dies, so its 'close' is the event that DynamoDB Local has gone.
 */
async function heldConnection(endpoint: string): Promise<{ closed: Promise<unknown> }> {
  const { hostname, port } = new URL(endpoint);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined); // a reset is a close as well
  await once(socket, 'connect');
  return { closed: once(socket, 'close') };
}

describe('startDynamoDBLocal', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dynamodb-local-test-'));
  const running: DynamoDBLocal[] = [];

  afterAll(async () => {
    await Promise.all(running.map((local) => local.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }, LAUNCH_TIMEOUT_MS);

  it('keeps data under dataDir across a stop and a new start, and a stopped instance stops answering', async () => {
    const first = await startDynamoDBLocal({ dataDir });
    running.push(first);
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.startupMs).toBeGreaterThan(0);
    const writer = createLocalDynamoDBClient(first.endpoint);
    await ensureTable(writer, 'Persisted');
    await writer.send(new PutItemCommand({ TableName: 'Persisted', Item: { PK: { S: 'ROOM#1' }, SK: { S: 'META' }, name: { S: 'kept' } } }));
    writer.destroy();
    await first.stop();
    expect(await answers(first.endpoint)).toBe(false);
    expect(readdirSync(dataDir)).toContain('shared-local-instance.db');

    const second = await startDynamoDBLocal({ dataDir });
    running.push(second);
    const reader = createLocalDynamoDBClient(second.endpoint);
    const read = await reader.send(new GetItemCommand({ TableName: 'Persisted', Key: { PK: { S: 'ROOM#1' }, SK: { S: 'META' } } }));
    expect(read.Item?.name).toEqual({ S: 'kept' });

    // ensureTable on an existing table is a no-op; the table has the keys and GSI of the definition.
    await ensureTable(reader, 'Persisted');
    const { Table } = await reader.send(new DescribeTableCommand({ TableName: 'Persisted' }));
    reader.destroy();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema, index.Projection?.ProjectionType])).toEqual([
      ['GSI1', [{ AttributeName: 'GSI1PK', KeyType: 'HASH' }, { AttributeName: 'GSI1SK', KeyType: 'RANGE' }], 'ALL'],
    ]);
    await second.stop();
    await second.stop(); // a second stop is harmless
    expect(await answers(second.endpoint)).toBe(false);
  }, LAUNCH_TIMEOUT_MS);

  it.each([
    ['a path that does not exist', '/nonexistent/bin/java'],
    ['a command that is not on PATH', 'no-such-java-for-dynamodb-local'],
  ])('explains how to get Java when java is %s', async (_case, javaPath) => {
    const started = startDynamoDBLocal({ javaPath });
    await expect(started).rejects.toBeInstanceOf(JavaNotFoundError);
    await expect(started).rejects.toMatchObject({
      code: 'JAVA_NOT_FOUND',
      message: expect.stringContaining('apt-get install openjdk-17-jre-headless'),
    });
    await expect(started).rejects.toMatchObject({ message: expect.stringContaining('DYNAMODB_ENDPOINT') });
  });

  it('fails fast when the JVM exits before answering', async () => {
    const started = startDynamoDBLocal({ javaPath: '/bin/false', startTimeoutMs: 20000 });
    await expect(started).rejects.toBeInstanceOf(DynamoDBLocalStartError);
    await expect(started).rejects.toMatchObject({ message: expect.stringContaining('exited before it answered') });
  });

  it('gives up at startTimeoutMs when the port accepts connections but never answers', async () => {
    const fixture = join(__dirname, 'fixtures', 'silent-dynamodb.ts');
    const started = startDynamoDBLocal({ javaPath: process.execPath, javaOptions: ['--import', 'tsx', fixture], startTimeoutMs: 1500 });
    await expect(started).rejects.toBeInstanceOf(DynamoDBLocalStartError);
    await expect(started).rejects.toMatchObject({ message: expect.stringContaining('did not answer within 1500 ms') });
  }, 15000);

  it('does not leave DynamoDB Local behind when its parent process is killed', async () => {
    const fixture = join(__dirname, 'fixtures', 'start-and-hang.ts');
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    try {
      const lines = createInterface({ input: parent.stdout });
      const first = await lines[Symbol.asyncIterator]().next();
      const endpoint = String(first.value);
      expect(await answers(endpoint)).toBe(true);
      const connection = await heldConnection(endpoint);
      parent.kill('SIGKILL');
      await exited;
      await connection.closed;
      expect(await answers(endpoint)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  }, LAUNCH_TIMEOUT_MS);
});
