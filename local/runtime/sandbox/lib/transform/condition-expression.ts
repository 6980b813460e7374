// Filter/condition objects ({title: {contains: "x"}, or: [...]}) to DynamoDB expressions, named as
// AWS names them: attribute names `#field`, values `:field_op`, every clause parenthesised and
// clauses joined with AND. Verified-AWS:
//   {id:{attributeExists:true}, version:{eq:10}}
//   -> "(attribute_exists(#id)) AND (#version = :version_eq)"
import { BRANCH_VALUE_PREFIX_SEPARATOR as SEP } from '../aws-unverified';
import { toDynamoDB, type AttributeValue } from '../util/dynamodb-values';
import { hasOwn, isPlainObject, type PlainObject } from '../values';

export interface DynamoDBExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

/** DynamoDB type letters for the `attributeType` operator's friendly names. */
const ATTRIBUTE_TYPES: Record<string, string> = {
  _null: 'NULL', string: 'S', stringSet: 'SS', number: 'N', numberSet: 'NS',
  binary: 'B', binarySet: 'BS', boolean: 'BOOL', list: 'L', map: 'M',
};

const FIELD_OPERATORS = [
  ...Object.keys(COMPARATORS), 'between', 'in', 'beginsWith', 'contains', 'notContains',
  'attributeExists', 'attributeType', 'size',
];

const COMBINATORS = ['and', 'or', 'not'];

class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  name(path: string[]): string {
    return path
      .map((segment) => {
        const placeholder = `#${segment}`;
        this.names[placeholder] = segment;
        return placeholder;
      })
      .join('.');
  }

  value(placeholder: string, value: unknown): string {
    this.values[placeholder] = toDynamoDB(value) ?? { NULL: null };
    return placeholder;
  }

  /** The clauses of one condition object, each already parenthesised, to be ANDed. */
  clauses(condition: unknown, prefix: string): string[] {
    if (!isPlainObject(condition)) return [];
    const out: string[] = [];
    for (const key of Object.keys(condition)) {
      const value = condition[key];
      if (value === undefined || value === null) continue;
      if (key === 'and' || key === 'or') out.push(...this.group(key, value, prefix));
      else if (key === 'not') out.push(...this.negation(value, prefix));
      else out.push(...this.field([key], value, prefix));
    }
    return out;
  }

  private group(joiner: 'and' | 'or', branches: unknown, prefix: string): string[] {
    const list = Array.isArray(branches) ? branches : [branches];
    const parts = list
      .map((branch, index) => {
        const branchPrefix = Array.isArray(branches) ? `${prefix}${joiner}${SEP}${index}${SEP}` : `${prefix}${joiner}${SEP}`;
        return joinAnd(this.clauses(branch, branchPrefix));
      })
      .filter((part) => part !== '');
    return parts.length === 0 ? [] : [`(${parts.join(joiner === 'and' ? ' AND ' : ' OR ')})`];
  }

  private negation(inner: unknown, prefix: string): string[] {
    const body = joinAnd(this.clauses(inner, `${prefix}not${SEP}`));
    return body === '' ? [] : [`(NOT ${body})`];
  }

  private field(path: string[], ops: unknown, prefix: string): string[] {
    if (!isPlainObject(ops)) {
      throw new TypeError(`Invalid condition for "${path.join('.')}": expected an object of operators`);
    }
    const out: string[] = [];
    for (const op of Object.keys(ops)) {
      const operand = ops[op];
      if (operand === undefined) continue;
      // A key that is not an operator names a nested attribute of a map.
      if (!FIELD_OPERATORS.includes(op) && !COMBINATORS.includes(op)) {
        if (operand !== null) out.push(...this.field([...path, op], operand, prefix));
        continue;
      }
      const clause = this.operator(path, op, operand, `:${prefix}${path.join('_')}_`);
      if (clause !== null) out.push(`(${clause})`);
    }
    return out;
  }

  private operator(path: string[], op: string, operand: unknown, valueStem: string): string | null {
    const name = this.name(path);
    if (hasOwn(COMPARATORS, op)) return `${name} ${COMPARATORS[op]} ${this.value(valueStem + op, operand)}`;
    switch (op) {
      case 'between': {
        const [low, high] = asPair(operand, path);
        return `${name} BETWEEN ${this.value(`${valueStem}between_0`, low)} AND ${this.value(`${valueStem}between_1`, high)}`;
      }
      case 'in': {
        if (!Array.isArray(operand)) throw new TypeError(`"in" on "${path.join('.')}" needs an array`);
        const placeholders = operand.map((item, index) => this.value(`${valueStem}in_${index}`, item));
        return `${name} IN (${placeholders.join(',')})`;
      }
      case 'beginsWith':
        return `begins_with(${name},${this.value(valueStem + op, operand)})`;
      case 'contains':
        return `contains(${name},${this.value(valueStem + op, operand)})`;
      case 'notContains':
        return `NOT contains(${name},${this.value(valueStem + op, operand)})`;
      case 'attributeExists':
        if (operand === null) return null;
        return operand ? `attribute_exists(${name})` : `attribute_not_exists(${name})`;
      case 'attributeType': {
        if (operand === null) return null;
        const letter = typeof operand === 'string' ? (hasOwn(ATTRIBUTE_TYPES, operand) ? ATTRIBUTE_TYPES[operand] : operand) : operand;
        return `attribute_type(${name},${this.value(valueStem + op, letter)})`;
      }
      case 'size':
        return this.size(name, operand, `${valueStem}size_`, path);
      default:
        throw new TypeError(`Unsupported operator "${op}" on "${path.join('.')}"`);
    }
  }

  private size(name: string, ops: unknown, valueStem: string, path: string[]): string | null {
    if (!isPlainObject(ops)) throw new TypeError(`"size" on "${path.join('.')}" needs an object of operators`);
    const parts: string[] = [];
    for (const op of Object.keys(ops)) {
      if (ops[op] === undefined) continue;
      if (hasOwn(COMPARATORS, op)) parts.push(`size(${name}) ${COMPARATORS[op]} ${this.value(valueStem + op, ops[op])}`);
      else if (op === 'between') {
        const [low, high] = asPair(ops[op], path);
        parts.push(`size(${name}) BETWEEN ${this.value(`${valueStem}between_0`, low)} AND ${this.value(`${valueStem}between_1`, high)}`);
      } else throw new TypeError(`Unsupported size operator "${op}" on "${path.join('.')}"`);
    }
    return parts.length === 0 ? null : parts.join(' AND ');
  }
}

function asPair(operand: unknown, path: string[]): [unknown, unknown] {
  if (!Array.isArray(operand) || operand.length !== 2) {
    throw new TypeError(`"between" on "${path.join('.')}" needs an array of two values`);
  }
  return [operand[0], operand[1]];
}

// One clause stands alone; several are ANDed and bracketed so they can sit inside OR / NOT.
function joinAnd(clauses: string[]): string {
  if (clauses.length <= 1) return clauses[0] ?? '';
  return `(${clauses.join(' AND ')})`;
}

/** The expression for a filter or condition object (top-level clauses joined with AND). */
export function buildConditionExpression(condition: PlainObject): DynamoDBExpression {
  const builder = new ExpressionBuilder();
  const expression = builder.clauses(condition, '').join(' AND ');
  return { expression, expressionNames: builder.names, expressionValues: builder.values };
}
