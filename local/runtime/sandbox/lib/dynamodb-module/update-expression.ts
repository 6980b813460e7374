// The update object of ddb.update() to a DynamoDB update expression. Verified-AWS: one clause per
// attribute in key order, numbered #expName_N / :expValue_N, joined with ", " after SET:
//   {a: 1, b: null} -> "SET #expName_1 = :expValue_1, #expName_2 = :expValue_2"
// A nested plain object sets each of its leaves by path (the parent map must exist); wrap it in
// operations.replace() to set the whole map.
import { UPDATE_REMOVE_KEYWORD } from '../aws-unverified';
import type { AttributeValue } from '../util/dynamodb-values';
import { isPlainObject, type PlainObject } from '../values';
import { isTypedSet, toItemAttribute } from './attribute-values';
import { isOperationMarker, type OperationMarker } from './operations';

export interface UpdateExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

interface Leaf {
  path: string[];
  change: unknown;
}

// Leaves in key order; nested plain objects (not markers, not empty) are walked into.
function leaves(update: PlainObject, parent: string[]): Leaf[] {
  const out: Leaf[] = [];
  for (const key of Object.keys(update)) {
    const change = update[key];
    if (change === undefined) continue;
    const path = [...parent, key];
    if (isPlainObject(change) && !isOperationMarker(change) && !isTypedSet(change) && Object.keys(change).length > 0) {
      out.push(...leaves(change, path));
    } else {
      out.push({ path, change });
    }
  }
  return out;
}

export function buildUpdateExpression(update: PlainObject): UpdateExpression {
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, AttributeValue> = {};
  const placeholderOf: Record<string, string> = {};
  const setClauses: string[] = [];
  const removeClauses: string[] = [];
  let clauseNumber = 0;
  let nameNumber = 0;

  // The first leaf's names line up with its clause number (#expName_1 / :expValue_1); a name used
  // again (a shared parent map) keeps its first placeholder.
  const nameFor = (segment: string): string => {
    if (!Object.prototype.hasOwnProperty.call(placeholderOf, segment)) {
      nameNumber = Math.max(nameNumber + 1, clauseNumber);
      placeholderOf[segment] = `#expName_${nameNumber}`;
      expressionNames[placeholderOf[segment]] = segment;
    }
    return placeholderOf[segment];
  };

  for (const leaf of leaves(update, [])) {
    clauseNumber += 1;
    const path = leaf.path.map(nameFor).join('.');
    const valueName = `:expValue_${clauseNumber}`;
    const setValue = (value: unknown) => {
      expressionValues[valueName] = toItemAttribute(value);
      return valueName;
    };
    if (!isOperationMarker(leaf.change)) {
      setClauses.push(`${path} = ${setValue(leaf.change)}`);
      continue;
    }
    const op: OperationMarker = leaf.change;
    switch (op.type) {
      case 'OPERATION_ADD':
      case 'OPERATION_REPLACE':
        setClauses.push(`${path} = ${setValue(op.value)}`);
        break;
      case 'OPERATION_INCREMENT':
        setClauses.push(`${path} = ${path} + ${setValue(op.by)}`);
        break;
      case 'OPERATION_DECREMENT':
        setClauses.push(`${path} = ${path} - ${setValue(op.by)}`);
        break;
      case 'OPERATION_APPEND':
        setClauses.push(`${path} = list_append(${path}, ${setValue(op.items)})`);
        break;
      case 'OPERATION_PREPEND':
        setClauses.push(`${path} = list_append(${setValue(op.items)}, ${path})`);
        break;
      case 'OPERATION_UPDATE_LIST_ITEM':
        setClauses.push(`${path}[${op.index}] = ${setValue(op.value)}`);
        break;
      default:
        removeClauses.push(path);
    }
  }

  const parts: string[] = [];
  if (setClauses.length > 0) parts.push(`SET ${setClauses.join(', ')}`);
  if (removeClauses.length > 0) parts.push(`${UPDATE_REMOVE_KEYWORD} ${removeClauses.join(', ')}`);
  return { expression: parts.join(' '), expressionNames, expressionValues };
}
