/** The twin's whole table, read consistently: how a test shows that a refused request changed nothing. */
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export async function scanTable(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const items: unknown[] = [];
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  // In one order, so two scans of the same table compare equal.
  return items.map((item) => JSON.stringify(item)).sort();
}
