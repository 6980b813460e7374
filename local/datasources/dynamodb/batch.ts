import { BatchGetItemCommand, BatchWriteItemCommand, type KeysAndAttributes, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { canonicalItem, toAttributeMap, toPlainItem } from '../attribute-values';
import { optionalBoolean, requireArray, requireRecord } from '../request-error';
import type { DataSourceResult } from '../result';
import { mergePlaceholders, readProjection, type AttributeMap } from './expressions';
import type { DynamoDBTarget } from './target';

/**
 * BatchGetItem, BatchPutItem, BatchDeleteItem. Tables are named in the request (physical
 * names) and results are keyed by them. data[table] follows the request order; an entry is
 * null where the item does not exist or was not processed, and unprocessed keys/items are
 * listed as AppSync lists them. Nothing is retried, as in AppSync.
 */

export async function batchGetItem({ client }: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const tables = requireRecord(request.tables, '$[tables]');
  const requested: Record<string, AttributeMap[]> = {};
  const requestItems: Record<string, KeysAndAttributes> = {};
  for (const [table, spec] of Object.entries(tables)) {
    const path = `$[tables][${table}]`;
    const entry = requireRecord(spec, path);
    const keys = requireArray(entry.keys, `${path}[keys]`).map((key, i) => toAttributeMap(key, `${path}[keys][${i}]`));
    const projection = readProjection(entry.projection, `${path}[projection]`);
    requested[table] = keys;
    requestItems[table] = {
      Keys: keys,
      ConsistentRead: optionalBoolean(entry.consistentRead, `${path}[consistentRead]`),
      ProjectionExpression: projection?.expression,
      ...mergePlaceholders(projection),
    };
  }
  const output = await client.send(new BatchGetItemCommand({ RequestItems: requestItems }));

  const data: Record<string, (Record<string, unknown> | null)[]> = {};
  const unprocessedKeys: Record<string, Record<string, unknown>[]> = {};
  for (const [table, keys] of Object.entries(requested)) {
    const found = new Map<string, AttributeMap>();
    for (const item of output.Responses?.[table] ?? []) found.set(keyOf(item, keys[0]), item);
    data[table] = keys.map((key) => {
      const item = found.get(canonicalItem(key));
      return item === undefined ? null : toPlainItem(item);
    });
    unprocessedKeys[table] = (output.UnprocessedKeys?.[table]?.Keys ?? []).map(toPlainItem);
  }
  return { result: { data, unprocessedKeys } };
}

export async function batchPutItem({ client }: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const tables = requireRecord(request.tables, '$[tables]');
  const itemsByTable = Object.fromEntries(
    Object.entries(tables).map(([table, items]) => [
      table,
      requireArray(items, `$[tables][${table}]`).map((item, i) => toAttributeMap(item, `$[tables][${table}][${i}]`)),
    ]),
  );
  const output = await client.send(
    new BatchWriteItemCommand({
      RequestItems: mapValues(itemsByTable, (items): WriteRequest[] => items.map((item) => ({ PutRequest: { Item: item } }))),
    }),
  );
  const data: Record<string, (Record<string, unknown> | null)[]> = {};
  const unprocessedItems: Record<string, Record<string, unknown>[]> = {};
  for (const [table, items] of Object.entries(itemsByTable)) {
    const unprocessed = (output.UnprocessedItems?.[table] ?? []).flatMap((write) => (write.PutRequest?.Item ? [write.PutRequest.Item] : []));
    const unprocessedSet = new Set(unprocessed.map((item) => canonicalItem(item)));
    data[table] = items.map((item) => (unprocessedSet.has(canonicalItem(item)) ? null : toPlainItem(item)));
    unprocessedItems[table] = unprocessed.map(toPlainItem);
  }
  return { result: { data, unprocessedItems } };
}

export async function batchDeleteItem({ client }: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const tables = requireRecord(request.tables, '$[tables]');
  const keysByTable = Object.fromEntries(
    Object.entries(tables).map(([table, keys]) => [
      table,
      requireArray(keys, `$[tables][${table}]`).map((key, i) => toAttributeMap(key, `$[tables][${table}][${i}]`)),
    ]),
  );
  const output = await client.send(
    new BatchWriteItemCommand({
      RequestItems: mapValues(keysByTable, (keys): WriteRequest[] => keys.map((key) => ({ DeleteRequest: { Key: key } }))),
    }),
  );
  const data: Record<string, (Record<string, unknown> | null)[]> = {};
  const unprocessedKeys: Record<string, Record<string, unknown>[]> = {};
  for (const [table, keys] of Object.entries(keysByTable)) {
    const unprocessed = (output.UnprocessedItems?.[table] ?? []).flatMap((write) => (write.DeleteRequest?.Key ? [write.DeleteRequest.Key] : []));
    const unprocessedSet = new Set(unprocessed.map((key) => canonicalItem(key)));
    data[table] = keys.map((key) => (unprocessedSet.has(canonicalItem(key)) ? null : toPlainItem(key)));
    unprocessedKeys[table] = unprocessed.map(toPlainItem);
  }
  return { result: { data, unprocessedKeys } };
}

/** The canonical key of an item, using the attribute names of a requested key. */
function keyOf(item: AttributeMap, sampleKey: AttributeMap | undefined): string {
  const names = Object.keys(sampleKey ?? {});
  return canonicalItem(Object.fromEntries(names.filter((name) => name in item).map((name) => [name, item[name]])));
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, map(value)]));
}
