import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { startTwin, type StartTwinOptions, type Twin } from '../../local/twin';
import { sharedDynamoDBEndpoint } from './shared-dynamodb';

/**
 * startTwin for tests: an in-memory twin (dataDir null) that names no DynamoDB runs on the run's
 * shared DynamoDB Local, on a table of its own named after the test file, instead of starting a
 * JVM of its own. Everything else is startTwin's. Without the shared endpoint (a file run outside
 * jest's global setup) it is startTwin.
 */
export function startTestTwin(options: StartTwinOptions): Promise<Twin> {
  const shared = sharedDynamoDBEndpoint();
  if (options.dataDir !== null || options.dynamodbEndpoint || !shared) return startTwin(options);
  return startTwin({ ...options, dynamodbEndpoint: shared, tableName: options.tableName ?? uniqueTableName() });
}

function uniqueTableName(): string {
  const file = basename(expect.getState().testPath ?? 'twin').replace(/\.test\.ts$/, '').replace(/[^a-zA-Z0-9_.-]/g, '_');
  return `${file}-${randomUUID().slice(0, 8)}`.slice(-200);
}
