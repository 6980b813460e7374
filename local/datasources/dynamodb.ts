import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from 'pino';
import { boundedSend } from './dynamodb/bounded-send';
import { batchDeleteItem, batchGetItem, batchPutItem } from './dynamodb/batch';
import { query, scan } from './dynamodb/query-scan';
import { deleteItem, getItem, putItem, updateItem } from './dynamodb/single-item';
import type { DynamoDBTarget } from './dynamodb/target';
import { transactGetItems, transactWriteItems } from './dynamodb/transact';
import { toDataSourceError } from './dynamodb-errors';
import { DynamoDBOutageLog } from './dynamodb-outage-log';
import { DATA_SOURCE_LIMITS } from './limits';
import { processNextTokenKey } from './next-token-key';
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

export interface DynamoDBDataSourceOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Signs nextTokens (next-token-key.ts). Default: one random key for this process. */
  nextTokenKey?: Buffer;
  /** Default DATA_SOURCE_LIMITS.dynamodbCallTimeoutMs. */
  callTimeoutMs?: number;
  /** See DynamoDBTarget.settleTransactions. Default true. */
  settleTransactions?: boolean;
  /** Where outages are told, once each; data sources of one table share it. Default: one of its own, logging to `log`. */
  outages?: DynamoDBOutageLog;
  log?: Logger;
}

export function createDynamoDBDataSource(options: DynamoDBDataSourceOptions): DynamoDBDataSource {
  const outages = options.outages ?? new DynamoDBOutageLog(options.log);
  const target: DynamoDBTarget = {
    send: boundedSend(options.client, options.callTimeoutMs ?? DATA_SOURCE_LIMITS.dynamodbCallTimeoutMs, outages),
    tableName: options.tableName,
    nextTokenKey: options.nextTokenKey ?? processNextTokenKey(),
    settleTransactions: options.settleTransactions,
  };
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
