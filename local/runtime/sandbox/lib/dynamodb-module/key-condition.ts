// The `query` object of ddb.query() ({PK: {eq: "ROOM#1"}, SK: {beginsWith: "MSG#"}}) to a key
// condition expression. Same naming as filters (#field, :field_op); clauses are joined with AND
// without brackets, the plainest form DynamoDB's key-condition grammar accepts.
import { toDynamoDB, type AttributeValue } from '../util/dynamodb-values';
import { hasOwn, isPlainObject, type PlainObject } from '../values';

const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

export interface KeyConditionExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

export function buildKeyCondition(query: PlainObject): KeyConditionExpression {
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, AttributeValue> = {};
  const clauses: string[] = [];
  const value = (placeholder: string, v: unknown) => {
    expressionValues[placeholder] = toDynamoDB(v) ?? { NULL: null };
    return placeholder;
  };

  for (const field of Object.keys(query)) {
    const ops = query[field];
    if (ops === undefined || ops === null) continue;
    if (!isPlainObject(ops)) throw new TypeError(`Invalid key condition for "${field}": expected an object of operators`);
    const name = `#${field}`;
    expressionNames[name] = field;
    for (const op of Object.keys(ops)) {
      const operand = ops[op];
      if (operand === undefined) continue;
      const stem = `:${field}_`;
      if (hasOwn(COMPARATORS, op)) clauses.push(`${name} ${COMPARATORS[op]} ${value(stem + op, operand)}`);
      else if (op === 'beginsWith') clauses.push(`begins_with(${name},${value(stem + op, operand)})`);
      else if (op === 'between') {
        if (!Array.isArray(operand) || operand.length !== 2) throw new TypeError(`"between" on "${field}" needs an array of two values`);
        clauses.push(`${name} BETWEEN ${value(`${stem}between_0`, operand[0])} AND ${value(`${stem}between_1`, operand[1])}`);
      } else throw new TypeError(`Unsupported key condition operator "${op}" on "${field}"`);
    }
  }
  return { expression: clauses.join(' AND '), expressionNames, expressionValues };
}
