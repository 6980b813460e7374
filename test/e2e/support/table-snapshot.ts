/**
 * The whole chat table as plain items keyed by "PK SK", and what changed between two snapshots:
 * how a test proves that a refused call changed nothing and an allowed one changed what it should.
 */
import { isDeepStrictEqual } from 'node:util';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export type Item = Record<string, unknown>;
export type TableSnapshot = Record<string, Item>;

export function itemKey(item: Item): string {
  return `${String(item.PK)} ${String(item.SK)}`;
}

export async function scanTable(client: DynamoDBClient, tableName: string): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = {};
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const raw of page.Items ?? []) {
      const item = unmarshall(raw);
      snapshot[itemKey(item)] = item;
    }
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  return snapshot;
}

export interface TableDiff {
  added: Item[];
  removed: Item[];
  changed: Array<{ before: Item; after: Item }>;
}

export function diffTables(before: TableSnapshot, after: TableSnapshot): TableDiff {
  const diff: TableDiff = { added: [], removed: [], changed: [] };
  for (const [key, item] of Object.entries(after)) {
    const old = before[key];
    if (!old) diff.added.push(item);
    else if (!isDeepStrictEqual(old, item)) diff.changed.push({ before: old, after: item });
  }
  for (const [key, item] of Object.entries(before)) if (!after[key]) diff.removed.push(item);
  return diff;
}
