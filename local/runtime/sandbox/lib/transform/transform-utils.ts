// util.transform.
import { isPlainObject, type PlainObject } from '../values';
import { buildConditionExpression } from './condition-expression';
import { toElasticsearchQueryDSL } from './opensearch-dsl';
import { toSubscriptionFilter } from './subscription-filter';

function expressionJson(input: unknown): string {
  const { expression, expressionNames, expressionValues } = buildConditionExpression(isPlainObject(input) ? input : {});
  return JSON.stringify({ expression, expressionNames, expressionValues });
}

export function createTransformUtils() {
  return {
    toDynamoDBFilterExpression: (filterObject: PlainObject) => expressionJson(filterObject),
    toDynamoDBConditionExpression: (conditionObject: PlainObject) => expressionJson(conditionObject),
    toElasticsearchQueryDSL,
    toSubscriptionFilter,
  };
}
