// query / scan / sync of @aws-appsync/utils/dynamodb. Verified-AWS:
//   scan({limit:10, nextToken:"abc"}) -> {operation:"Scan", limit:10, nextToken:"abc"}
import type { PlainObject } from '../values';
import { toExpressionObject } from './expression-input';
import { requireObject } from './item-requests';
import { buildKeyCondition } from './key-condition';
import { copyGiven, setIfDefined } from './optional-fields';
import { buildProjection } from './projection';

export function query(input: PlainObject): PlainObject {
  requireObject(input, 'query input');
  const request: PlainObject = { operation: 'Query', query: buildKeyCondition(requireObject(input.query, 'query')) };
  copyGiven(request, input, ['index', 'limit', 'nextToken', 'scanIndexForward', 'consistentRead', 'select']);
  setIfDefined(request, 'filter', toExpressionObject(input.filter));
  setIfDefined(request, 'projection', buildProjection(input.projection));
  return request;
}

export function scan(input: PlainObject): PlainObject {
  requireObject(input, 'scan input');
  const request: PlainObject = { operation: 'Scan' };
  copyGiven(request, input, ['index', 'limit', 'nextToken', 'consistentRead', 'select', 'segment', 'totalSegments']);
  setIfDefined(request, 'filter', toExpressionObject(input.filter));
  setIfDefined(request, 'projection', buildProjection(input.projection));
  return request;
}

export function sync(input: PlainObject): PlainObject {
  requireObject(input, 'sync input');
  const request: PlainObject = { operation: 'Sync' };
  copyGiven(request, input, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']);
  setIfDefined(request, 'filter', toExpressionObject(input.filter));
  return request;
}
