import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from 'pino';
import type { DataSourceWiring } from '../../resolvers/wiring-types';
import { createDynamoDBDataSource } from './dynamodb';
import { createHttpDataSource, type LocalServiceHandler } from './http';
import { DynamoDBOutageLog } from './dynamodb-outage-log';
import { processNextTokenKey } from './next-token-key';
import { invokeNoneDataSource } from './none';
import type { DataSourceResult } from './result';

export type { DataSourceError, DataSourceResult } from './result';
export { createDynamoDBDataSource, SUPPORTED_DYNAMODB_OPERATIONS, type DynamoDBDataSource } from './dynamodb';
export { invokeNoneDataSource } from './none';
export { createHttpDataSource, readHttpRequest, type HttpRequest, type HttpResponse, type LocalServiceHandler } from './http';
export { INVALID_NEXT_TOKEN_MESSAGE } from './next-token';
export { loadNextTokenKey, NEXT_TOKEN_KEY_FILE } from './next-token-key';
export { DATA_SOURCE_LIMITS } from './limits';

/** Calls the named data source of the wiring table with a resolver's request object. */
export type DataSourceInvoker = (dataSourceName: string, request: unknown) => Promise<DataSourceResult>;

export interface DataSourceInvokerOptions {
  /** The wiring table's data sources (resolvers/wiring.ts `dataSources`). */
  dataSources: Record<string, DataSourceWiring>;
  /** Where every AMAZON_DYNAMODB data source goes: the API has one table. */
  dynamodb: {
    client: DynamoDBClient;
    tableName: string;
    /** Signs nextTokens: loadNextTokenKey(dataDir). Default: one random key for this process. */
    nextTokenKey?: Buffer;
    callTimeoutMs?: number;
    /** Read a transaction's first key back before answering (default true); false when DynamoDB Local runs in memory. */
    settleTransactions?: boolean;
  };
  /** Local implementations of the AWS services HTTP data sources sign for, by signing service. */
  services?: Partial<Record<string, LocalServiceHandler>>;
  /** Where a DynamoDB outage and its end are logged (once each). */
  log?: Logger;
}

export function createDataSourceInvoker({ dataSources, dynamodb, log, services }: DataSourceInvokerOptions): DataSourceInvoker {
  // One table behind every DynamoDB data source: one outage log and one token key for all.
  const shared = { ...dynamodb, nextTokenKey: dynamodb.nextTokenKey ?? processNextTokenKey(), outages: new DynamoDBOutageLog(log) };
  const invokers = new Map<string, (request: unknown) => Promise<DataSourceResult>>();
  for (const [name, wiring] of Object.entries(dataSources)) {
    switch (wiring.kind) {
      case 'AMAZON_DYNAMODB':
        invokers.set(name, createDynamoDBDataSource(shared));
        break;
      case 'NONE':
        invokers.set(name, invokeNoneDataSource);
        break;
      case 'HTTP':
        invokers.set(name, createHttpDataSource(services?.[wiring.signingService], wiring.signingService));
        break;
      default: {
        const unknownKind: never = wiring;
        throw new Error(`Data source '${name}' has an unsupported kind '${String((unknownKind as { kind: unknown }).kind)}'`);
      }
    }
  }
  return (dataSourceName, request) => {
    const invoke = invokers.get(dataSourceName);
    if (invoke === undefined) {
      return Promise.resolve({ error: { type: 'DataSourceNotFound', message: `No data source named '${dataSourceName}' in the wiring table.` } });
    }
    return invoke(request);
  };
}
