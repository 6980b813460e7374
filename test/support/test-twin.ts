import { startTwin, type StartTwinOptions, type Twin } from '../../local/twin';
import { sharedDynamoDBEndpoint, testTableName } from './shared-dynamodb';

/**
 * startTwin for tests: an in-memory twin (dataDir null) that names no DynamoDB runs on the run's
 * shared DynamoDB Local, on a table of its own named after the test file, instead of starting a
 * JVM of its own. Everything else is startTwin's. Without the shared endpoint (a file run outside
 * jest's global setup) it is startTwin.
 */
export function startTestTwin(options: StartTwinOptions): Promise<Twin> {
  const shared = sharedDynamoDBEndpoint();
  if (options.dataDir !== null || options.dynamodbEndpoint || !shared) return startTwin(options);
  return startTwin({ ...options, dynamodbEndpoint: shared, tableName: options.tableName ?? testTableName() });
}

