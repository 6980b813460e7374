import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toAttributeMap } from '../attribute-values';
import {
  RequestError,
  isRecord,
  optionalBoolean,
  optionalRecord,
  requireString,
} from '../request-error';

/**
 * Reads the expression blocks of AppSync requests (query, filter, update, condition,
 * projection) and merges their placeholder maps into the one set DynamoDB takes per call.
 */

export type AttributeMap = Record<string, AttributeValue>;

export interface Expression {
  expression: string;
  names?: Record<string, string>;
  values?: AttributeMap;
}

export interface Condition extends Expression {
  equalsIgnore: string[];
  consistentRead?: boolean;
  /** Transactions: return the existing item in the cancellation reason (AppSync default: true). */
  returnValuesOnConditionCheckFailure: boolean;
}

/** AWS docs pass toDynamoDBConditionExpression's JSON string straight in; accept that form too. */
function parseIfString(value: unknown, path: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new RequestError(`Expected JSON object for field '${path}'.`);
  }
}

export function readExpression(value: unknown, path: string): Expression {
  const block = optionalRecord(parseIfString(value, path), path);
  if (block === undefined) throw new RequestError(`Value for field '${path}' not found.`);
  return {
    expression: requireString(block.expression, `${path}[expression]`),
    names: readNames(block.expressionNames, `${path}[expressionNames]`),
    values: block.expressionValues === undefined || block.expressionValues === null
      ? undefined
      : toAttributeMap(block.expressionValues, `${path}[expressionValues]`),
  };
}

export function readOptionalExpression(value: unknown, path: string): Expression | undefined {
  return value === undefined || value === null ? undefined : readExpression(value, path);
}

export function readCondition(value: unknown, path: string): Condition | undefined {
  if (value === undefined || value === null) return undefined;
  const block = parseIfString(value, path);
  const expression = readExpression(block, path);
  const record = isRecord(block) ? block : {};
  const handler = optionalRecord(record.conditionalCheckFailedHandler, `${path}[conditionalCheckFailedHandler]`);
  if (handler !== undefined && handler.strategy !== 'Reject') {
    throw new RequestError(`Only the 'Reject' conditionalCheckFailedHandler strategy is supported by the local twin.`);
  }
  const equalsIgnore = record.equalsIgnore ?? [];
  if (!Array.isArray(equalsIgnore) || !equalsIgnore.every((name) => typeof name === 'string')) {
    throw new RequestError(`Expected array of strings for field '${path}[equalsIgnore]'.`);
  }
  return {
    ...expression,
    equalsIgnore,
    consistentRead: optionalBoolean(record.consistentRead, `${path}[consistentRead]`),
    returnValuesOnConditionCheckFailure:
      optionalBoolean(record.returnValuesOnConditionCheckFailure, `${path}[returnValuesOnConditionCheckFailure]`) ?? true,
  };
}

/** A projection has names but no values. */
export function readProjection(value: unknown, path: string): Expression | undefined {
  const block = optionalRecord(value, path);
  if (block === undefined) return undefined;
  return {
    expression: requireString(block.expression, `${path}[expression]`),
    names: readNames(block.expressionNames, `${path}[expressionNames]`),
  };
}

function readNames(value: unknown, path: string): Record<string, string> | undefined {
  const names = optionalRecord(value, path);
  if (names === undefined) return undefined;
  for (const [placeholder, name] of Object.entries(names)) {
    if (typeof name !== 'string') throw new RequestError(`Expected string for field '${path}.${placeholder}'.`);
  }
  return names as Record<string, string>;
}

/**
 * One ExpressionAttributeNames/Values pair for all blocks of a call. A map a block gave,
 * even an empty one, is passed on: DynamoDB rejects empty maps, and so does AppSync.
 */
export function mergePlaceholders(...blocks: (Expression | undefined)[]): {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: AttributeMap;
} {
  const present = blocks.filter((block): block is Expression => block !== undefined);
  const withNames = present.filter((block) => block.names !== undefined);
  const withValues = present.filter((block) => block.values !== undefined);
  return {
    ...(withNames.length > 0 && { ExpressionAttributeNames: Object.assign({}, ...withNames.map((block) => block.names)) }),
    ...(withValues.length > 0 && { ExpressionAttributeValues: Object.assign({}, ...withValues.map((block) => block.values)) }),
  };
}
