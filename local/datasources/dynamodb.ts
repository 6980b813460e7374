import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchDeleteItem, batchGetItem, batchPutItem } from './dynamodb/batch';
import { query, scan } from './dynamodb/query-scan';
import { deleteItem, getItem, putItem, updateItem } from './dynamodb/single-item';
import type { DynamoDBTarget } from './dynamodb/target';
import { transactGetItems, transactWriteItems } from './dynamodb/transact';
import { toDataSourceError } from './dynamodb-errors';
import { RequestError, isRecord, requireString } from './request-error';
import type { DataSourceResult } from './result';

/**
 * An AMAZON_DYNAMODB data source: takes the request object an APPSYNC_JS request handler
 * returns, makes the DynamoDB call, and answers with what AppSync puts in ctx.result and
 * ctx.error. It never throws: bad requests and DynamoDB errors come back as `error`.
 *
 * Not supported (versioned data sources and Lambda conflict handlers, unused here):
 * Sync, customPartitionKey, populateIndexFields, _version, the 'Custom' conditional-check strategy.
 */
export type DynamoDBDataSource = (request: unknown) => Promise<DataSourceResult>;

type Operation = (target: DynamoDBTarget, request: Record<string, unknown>) => Promise<DataSourceResult>;

const OPERATIONS: Record<string, Operation> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
};

export const SUPPORTED_DYNAMODB_OPERATIONS = Object.keys(OPERATIONS);

export function createDynamoDBDataSource(target: { client: DynamoDBClient; tableName: string }): DynamoDBDataSource {
  return async (request) => {
    try {
      if (!isRecord(request)) throw new RequestError('The data source request must be a JSON object.');
      const operation = requireString(request.operation, '$[operation]');
      const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
      if (run === undefined) {
        throw new RequestError(`Unsupported operation '${operation}'. Operation must be one of: ${SUPPORTED_DYNAMODB_OPERATIONS.join(', ')}.`);
      }
      return await run(target, request);
    } catch (error) {
      return { error: toDataSourceError(error) };
    }
  };
}
