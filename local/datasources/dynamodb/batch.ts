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

export async function batchGetItem({ send }: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
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
  const output = await send(new BatchGetItemCommand({ RequestItems: requestItems }));

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

export function batchPutItem(target: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  return batchWrite(target, request, 'put');
}

export function batchDeleteItem(target: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  return batchWrite(target, request, 'delete');
}

/**
 * BatchPutItem (items) and BatchDeleteItem (keys): one BatchWriteItem. data lists what was
 * written, null where DynamoDB left it unprocessed; the unprocessed ones come back as well.
 */
async function batchWrite({ send }: DynamoDBTarget, request: Record<string, unknown>, kind: 'put' | 'delete'): Promise<DataSourceResult> {
  const tables = requireRecord(request.tables, '$[tables]');
  const byTable = Object.fromEntries(
    Object.entries(tables).map(([table, entries]) => [
      table,
      requireArray(entries, `$[tables][${table}]`).map((entry, i) => toAttributeMap(entry, `$[tables][${table}][${i}]`)),
    ]),
  );
  const toWrite = (entry: AttributeMap): WriteRequest => (kind === 'put' ? { PutRequest: { Item: entry } } : { DeleteRequest: { Key: entry } });
  const fromWrite = (write: WriteRequest): AttributeMap | undefined => (kind === 'put' ? write.PutRequest?.Item : write.DeleteRequest?.Key);
  const output = await send(new BatchWriteItemCommand({ RequestItems: mapValues(byTable, (entries) => entries.map(toWrite)) }));
  const data: Record<string, (Record<string, unknown> | null)[]> = {};
  const unprocessedByTable: Record<string, Record<string, unknown>[]> = {};
  for (const [table, entries] of Object.entries(byTable)) {
    const unprocessed = (output.UnprocessedItems?.[table] ?? []).flatMap((write): AttributeMap[] => {
      const entry = fromWrite(write);
      return entry ? [entry] : [];
    });
    const unprocessedSet = new Set(unprocessed.map((entry) => canonicalItem(entry)));
    data[table] = entries.map((entry) => (unprocessedSet.has(canonicalItem(entry)) ? null : toPlainItem(entry)));
    unprocessedByTable[table] = unprocessed.map(toPlainItem);
  }
  return { result: { data, [kind === 'put' ? 'unprocessedItems' : 'unprocessedKeys']: unprocessedByTable } };
}

/** The canonical key of an item, using the attribute names of a requested key. */
function keyOf(item: AttributeMap, sampleKey: AttributeMap | undefined): string {
  const names = Object.keys(sampleKey ?? {});
  return canonicalItem(Object.fromEntries(names.filter((name) => name in item).map((name) => [name, item[name]])));
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, map(value)]));
}
