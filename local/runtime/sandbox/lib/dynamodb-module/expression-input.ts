// The `condition` / `filter` inputs of the module helpers. Normally a filter object, converted like
// util.transform.toDynamoDBConditionExpression but kept as an object. Also accepted (reference D6):
// the JSON string that util.transform returns, and a ready {expression, ...} object.
import { MODULE_OMIT_EMPTY_EXPRESSION_VALUES } from '../aws-unverified';
import { buildConditionExpression } from '../transform/condition-expression';
import { isPlainObject, type PlainObject } from '../values';

export function toExpressionObject(input: unknown): PlainObject | undefined {
  if (input === undefined || input === null) return undefined;
  const parsed: unknown = typeof input === 'string' ? JSON.parse(input) : input;
  if (!isPlainObject(parsed)) throw new TypeError('A condition or filter must be an object');
  const built: PlainObject = typeof parsed.expression === 'string' ? { ...parsed } : { ...buildConditionExpression(parsed) };
  if (built.expression === '') return undefined;
  const values = built.expressionValues;
  if (MODULE_OMIT_EMPTY_EXPRESSION_VALUES && (values === undefined || (isPlainObject(values) && Object.keys(values).length === 0))) {
    delete built.expressionValues;
  }
  return built;
}
