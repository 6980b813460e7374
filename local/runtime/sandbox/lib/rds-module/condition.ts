// Condition objects (`where`, `having`, a join's `on`) as SQL. Keys of one object are ANDed in
// key order; `or: [...]` ORs its items; `and: [...]` ANDs them; `not: [...]` is NOT (a AND b).
// A group is bracketed only when it stands beside other conditions, so AWS's documented
// `WHERE "name" = :NAME OR "id" > :ID` keeps its shape.
import { RDS_LIKE_ESCAPES_WILDCARDS, RDS_NOT_EQUAL, RDS_NULL_EQUALITY_AS_IS_NULL, RDS_SIZE_FUNCTION } from '../aws-unverified';
import { hasOwn, isPlainObject } from '../values';
import { RDS_MESSAGES } from './messages';
import { operand } from './operand';
import { isHint, isStatement, type SqlWriter } from './statement';

interface Part {
  sql: string;
  /** True when `sql` joins several conditions and needs brackets beside others. */
  compound: boolean;
}

const COMPARISON: Record<string, string> = { eq: '=', ne: RDS_NOT_EQUAL, lt: '<', le: '<=', gt: '>', ge: '>=' };
const AGGREGATE_OPERATORS: Record<string, string> = {
  max: 'MAX', min: 'MIN', avg: 'AVG', sum: 'SUM', count: 'COUNT',
  maxDistinct: 'MAX', minDistinct: 'MIN', avgDistinct: 'AVG', sumDistinct: 'SUM', countDistinct: 'COUNT',
};

function joinParts(parts: Part[], separator: string): Part {
  if (parts.length === 1) return parts[0];
  return { sql: parts.map((p) => (p.compound ? `(${p.sql})` : p.sql)).join(separator), compound: true };
}

const atom = (sql: string): Part => ({ sql, compound: false });

/** The text of a LIKE operand: the wildcards around the caller's string (a hint keeps its kind). */
function likeValue(value: unknown, column: string, op: string, wrap: (s: string) => string): unknown {
  const text = isHint(value) ? value.value : value;
  if (typeof text !== 'string') throw new TypeError(RDS_MESSAGES.badLike(column, op));
  const escaped = RDS_LIKE_ESCAPES_WILDCARDS ? text.split('\\').join('\\\\').split('%').join('\\%').split('_').join('\\_') : text;
  return wrap(escaped);
}

/** Numeric and scalar comparisons of `left` (a column, LENGTH(column), MAX(column), ...). */
function comparisons(left: string, column: string, operators: Record<string, unknown>, writer: SqlWriter, numericOnly: boolean): Part[] {
  const parts: Part[] = [];
  for (const op of Object.keys(operators)) {
    const value = operators[op];
    if (value === undefined) continue;
    if (hasOwn(COMPARISON, op)) {
      if (value === null && RDS_NULL_EQUALITY_AS_IS_NULL && (op === 'eq' || op === 'ne')) {
        parts.push(atom(`${left} ${op === 'eq' ? 'IS NULL' : 'IS NOT NULL'}`));
      } else {
        parts.push(atom(`${left} ${COMPARISON[op]} ${operand(value, writer)}`));
      }
    } else if (op === 'between') {
      if (!Array.isArray(value) || value.length !== 2) throw new TypeError(RDS_MESSAGES.badBetween(column));
      parts.push(atom(`${left} BETWEEN ${operand(value[0], writer)} AND ${operand(value[1], writer)}`));
    } else if (!numericOnly && (op === 'contains' || op === 'notContains' || op === 'beginsWith')) {
      const pattern = likeValue(value, column, op, op === 'beginsWith' ? (s) => `${s}%` : (s) => `%${s}%`);
      parts.push(atom(`${left} ${op === 'notContains' ? 'NOT LIKE' : 'LIKE'} ${writer.variable(pattern)}`));
    } else if (!numericOnly && op === 'attributeExists') {
      if (typeof value !== 'boolean') throw new TypeError(RDS_MESSAGES.badAttributeExists(column));
      parts.push(atom(`${left} ${value ? 'IS NOT NULL' : 'IS NULL'}`));
    } else if (!numericOnly && op === 'size') {
      if (!isPlainObject(value)) throw new TypeError(RDS_MESSAGES.badOperators(`${column}.size`));
      parts.push(...comparisons(`${RDS_SIZE_FUNCTION[writer.dialect]}(${left})`, `${column}.size`, value, writer, true));
    } else if (!numericOnly && hasOwn(AGGREGATE_OPERATORS, op)) {
      if (!isPlainObject(value)) throw new TypeError(RDS_MESSAGES.badOperators(`${column}.${op}`));
      const distinct = op.endsWith('Distinct') ? 'DISTINCT ' : '';
      parts.push(...comparisons(`${AGGREGATE_OPERATORS[op]}(${distinct}${left})`, `${column}.${op}`, value, writer, true));
    } else {
      throw new TypeError(RDS_MESSAGES.unknownOperator(column, op));
    }
  }
  return parts;
}

function groupItems(key: string, items: unknown, writer: SqlWriter): Part[] {
  if (!Array.isArray(items) || items.length === 0) throw new TypeError(RDS_MESSAGES.badGroup(key));
  const parts: Part[] = [];
  for (const item of items) {
    if (!isPlainObject(item)) throw new TypeError(RDS_MESSAGES.badGroup(key));
    const inner = conditionParts(item, writer);
    if (inner.length > 0) parts.push(joinParts(inner, ' AND '));
  }
  return parts;
}

function conditionParts(condition: Record<string, unknown>, writer: SqlWriter): Part[] {
  const parts: Part[] = [];
  for (const key of Object.keys(condition)) {
    const value = condition[key];
    if (value === undefined) continue;
    if (key === 'and' || key === 'or') {
      const items = groupItems(key, value, writer);
      if (items.length > 0) parts.push(joinParts(items, key === 'and' ? ' AND ' : ' OR '));
    } else if (key === 'not') {
      const items = groupItems(key, value, writer);
      if (items.length > 0) parts.push(atom(`NOT (${joinParts(items, ' AND ').sql})`));
    } else {
      if (!isPlainObject(value) || isStatement(value)) throw new TypeError(RDS_MESSAGES.badOperators(key));
      parts.push(...comparisons(writer.quote(key), key, value, writer, false));
    }
  }
  return parts;
}

/** The SQL after WHERE / HAVING / ON, or '' when the condition is empty. */
export function conditionSql(condition: unknown, writer: SqlWriter, where: string): string {
  if (isStatement(condition)) return condition.render(writer);
  if (!isPlainObject(condition)) throw new TypeError(RDS_MESSAGES.badCondition(where));
  const parts = conditionParts(condition, writer);
  return parts.length === 0 ? '' : joinParts(parts, ' AND ').sql;
}
