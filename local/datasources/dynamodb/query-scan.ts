import { QueryCommand, ScanCommand, type Select } from '@aws-sdk/client-dynamodb';
import { toPlainItem } from '../attribute-values';
import { decodeNextToken, encodeNextToken, type TokenScope } from '../next-token';
import { RequestError, optionalBoolean, optionalInteger, optionalString } from '../request-error';
import type { DataSourceResult } from '../result';
import { mergePlaceholders, readExpression, readOptionalExpression, readProjection } from './expressions';
import type { DynamoDBTarget } from './target';

/** Query and Scan: results as {items, nextToken, scannedCount}, nextToken opaque. */

const SELECT_VALUES = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES'];

export async function query({ client, tableName }: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const keyCondition = readExpression(request.query, '$[query]');
  const filter = readOptionalExpression(request.filter, '$[filter]');
  const projection = readProjection(request.projection, '$[projection]');
  const index = optionalString(request.index, '$[index]');
  const scope: TokenScope = { operation: 'Query', table: tableName, index };
  const nextToken = optionalString(request.nextToken, '$[nextToken]');
  const output = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: keyCondition.expression,
      FilterExpression: filter?.expression,
      ProjectionExpression: projection?.expression,
      ...mergePlaceholders(keyCondition, filter, projection),
      ExclusiveStartKey: nextToken === undefined ? undefined : decodeNextToken(nextToken, scope),
      Limit: optionalInteger(request.limit, '$[limit]'),
      ScanIndexForward: optionalBoolean(request.scanIndexForward, '$[scanIndexForward]'),
      ConsistentRead: optionalBoolean(request.consistentRead, '$[consistentRead]'),
      Select: readSelect(request.select),
    }),
  );
  return {
    result: {
      items: (output.Items ?? []).map(toPlainItem),
      nextToken: encodeNextToken(output.LastEvaluatedKey, scope),
      scannedCount: output.ScannedCount ?? 0,
    },
  };
}

export async function scan({ client, tableName }: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const filter = readOptionalExpression(request.filter, '$[filter]');
  const projection = readProjection(request.projection, '$[projection]');
  const index = optionalString(request.index, '$[index]');
  const scope: TokenScope = { operation: 'Scan', table: tableName, index };
  const nextToken = optionalString(request.nextToken, '$[nextToken]');
  const output = await client.send(
    new ScanCommand({
      TableName: tableName,
      IndexName: index,
      FilterExpression: filter?.expression,
      ProjectionExpression: projection?.expression,
      ...mergePlaceholders(filter, projection),
      ExclusiveStartKey: nextToken === undefined ? undefined : decodeNextToken(nextToken, scope),
      Limit: optionalInteger(request.limit, '$[limit]'),
      ConsistentRead: optionalBoolean(request.consistentRead, '$[consistentRead]'),
      Segment: optionalInteger(request.segment, '$[segment]'),
      TotalSegments: optionalInteger(request.totalSegments, '$[totalSegments]'),
      Select: readSelect(request.select),
    }),
  );
  return {
    result: {
      items: (output.Items ?? []).map(toPlainItem),
      nextToken: encodeNextToken(output.LastEvaluatedKey, scope),
      scannedCount: output.ScannedCount ?? 0,
    },
  };
}

function readSelect(value: unknown): Select | undefined {
  const select = optionalString(value, '$[select]');
  if (select !== undefined && !SELECT_VALUES.includes(select)) {
    throw new RequestError(`Unsupported select '${select}'. Expected one of ${SELECT_VALUES.join(', ')}.`);
  }
  return select as Select | undefined;
}
