import { QueryCommand, ScanCommand, type QueryCommandOutput, type ScanCommandOutput, type Select } from '@aws-sdk/client-dynamodb';
import { toPlainItem } from '../attribute-values';
import { decodeNextToken, encodeNextToken, type TokenScope } from '../next-token';
import { RequestError, optionalBoolean, optionalInteger, optionalString } from '../request-error';
import type { DataSourceResult } from '../result';
import { mergePlaceholders, readExpression, readOptionalExpression, readProjection } from './expressions';
import type { DynamoDBTarget } from './target';

/** Query and Scan: results as {items, nextToken, scannedCount}, nextToken opaque. */

const SELECT_VALUES = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES'];

export async function query({ send, tableName, nextTokenKey }: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const keyCondition = readExpression(request.query, '$[query]');
  const common = readCommon(request, 'Query', tableName, nextTokenKey);
  const output = await send(
    new QueryCommand({
      TableName: tableName,
      IndexName: common.index,
      KeyConditionExpression: keyCondition.expression,
      FilterExpression: common.filter?.expression,
      ProjectionExpression: common.projection?.expression,
      ...mergePlaceholders(keyCondition, common.filter, common.projection),
      ExclusiveStartKey: common.exclusiveStartKey,
      Limit: common.limit,
      ScanIndexForward: optionalBoolean(request.scanIndexForward, '$[scanIndexForward]'),
      ConsistentRead: common.consistentRead,
      Select: common.select,
    }),
  );
  return page(output, common.scope, nextTokenKey);
}

export async function scan({ send, tableName, nextTokenKey }: DynamoDBTarget, request: Record<string, unknown>): Promise<DataSourceResult> {
  const common = readCommon(request, 'Scan', tableName, nextTokenKey);
  const output = await send(
    new ScanCommand({
      TableName: tableName,
      IndexName: common.index,
      FilterExpression: common.filter?.expression,
      ProjectionExpression: common.projection?.expression,
      ...mergePlaceholders(common.filter, common.projection),
      ExclusiveStartKey: common.exclusiveStartKey,
      Limit: common.limit,
      ConsistentRead: common.consistentRead,
      Segment: optionalInteger(request.segment, '$[segment]'),
      TotalSegments: optionalInteger(request.totalSegments, '$[totalSegments]'),
      Select: common.select,
    }),
  );
  return page(output, common.scope, nextTokenKey);
}

/** The request fields Query and Scan share, validated. */
function readCommon(request: Record<string, unknown>, operation: TokenScope['operation'], tableName: string, nextTokenKey: Buffer) {
  const filter = readOptionalExpression(request.filter, '$[filter]');
  const projection = readProjection(request.projection, '$[projection]');
  const index = optionalString(request.index, '$[index]');
  const scope: TokenScope = { operation, table: tableName, index };
  const nextToken = optionalString(request.nextToken, '$[nextToken]');
  return {
    filter,
    projection,
    index,
    scope,
    exclusiveStartKey: nextToken === undefined ? undefined : decodeNextToken(nextToken, scope, nextTokenKey),
    limit: optionalInteger(request.limit, '$[limit]'),
    consistentRead: optionalBoolean(request.consistentRead, '$[consistentRead]'),
    select: readSelect(request.select),
  };
}

function page(output: QueryCommandOutput | ScanCommandOutput, scope: TokenScope, nextTokenKey: Buffer): DataSourceResult {
  return {
    result: {
      items: (output.Items ?? []).map(toPlainItem),
      nextToken: encodeNextToken(output.LastEvaluatedKey, scope, nextTokenKey),
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
