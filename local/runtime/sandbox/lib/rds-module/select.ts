// select(): SELECT columns FROM source [joins] [WHERE] [GROUP BY] [HAVING] [ORDER BY] [LIMIT] [OFFSET]
// (standard SQL clause order; AWS shows each clause on its own, never combined: UNVERIFIED).
import { RDS_LIMIT_AS_VARIABLE } from '../aws-unverified';
import { isPlainObject } from '../values';
import { buildStatement, clause, nonNegativeInteger } from './builder-payload';
import { conditionSql } from './condition';
import { RDS_MESSAGES } from './messages';
import { columnListSql, payloadSource } from './operand';
import type { RdsStatement, SqlWriter } from './statement';

/** Payload keys that add a join, and their SQL, in the order the author wrote them. */
const JOINS: Record<string, string> = {
  join: 'JOIN',
  innerJoin: 'INNER JOIN',
  leftJoin: 'LEFT JOIN',
  leftOuterJoin: 'LEFT OUTER JOIN',
  rightJoin: 'RIGHT JOIN',
  rightOuterJoin: 'RIGHT OUTER JOIN',
  fullOuterJoin: 'FULL OUTER JOIN',
  crossJoin: 'CROSS JOIN',
  joinNatural: 'NATURAL JOIN',
  innerJoinNatural: 'NATURAL INNER JOIN',
  leftJoinNatural: 'NATURAL LEFT JOIN',
  leftOuterJoinNatural: 'NATURAL LEFT OUTER JOIN',
  rightJoinNatural: 'NATURAL RIGHT JOIN',
  rightOuterJoinNatural: 'NATURAL RIGHT OUTER JOIN',
  fullOuterJoinNatural: 'NATURAL FULL OUTER JOIN',
};

function joinsSql(payload: Record<string, unknown>, writer: SqlWriter): string {
  let text = '';
  for (const key of Object.keys(payload)) {
    if (!Object.prototype.hasOwnProperty.call(JOINS, key) || payload[key] === undefined) continue;
    const joins = payload[key];
    if (!Array.isArray(joins)) throw new TypeError(RDS_MESSAGES.badJoin(key));
    for (const join of joins) {
      if (!isPlainObject(join)) throw new TypeError(RDS_MESSAGES.badJoin(key));
      if (join.on !== undefined && join.using !== undefined) throw new TypeError(RDS_MESSAGES.joinOnAndUsing(key));
      text += ` ${JOINS[key]} ${payloadSource(join, writer, key)}`;
      if (join.using !== undefined) {
        if (!Array.isArray(join.using) || join.using.length === 0) throw new TypeError(RDS_MESSAGES.badJoin(key));
        text += ` USING (${columnListSql(join.using, writer, `${key} using`)})`;
      } else if (join.on !== undefined) {
        text += clause('ON', conditionSql(join.on, writer, `${key} on`));
      }
    }
  }
  return text;
}

function groupBySql(groupBy: unknown, writer: SqlWriter): string {
  if (groupBy === undefined) return '';
  if (!Array.isArray(groupBy) || groupBy.length === 0) throw new TypeError(RDS_MESSAGES.badGroupBy);
  return groupBy
    .map((column: unknown) => {
      if (typeof column === 'string') return writer.quote(column);
      if (typeof column === 'number' && Number.isInteger(column) && column > 0) return `${column}`;
      throw new TypeError(RDS_MESSAGES.badGroupBy);
    })
    .join(', ');
}

function orderBySql(orderBy: unknown, writer: SqlWriter): string {
  if (orderBy === undefined) return '';
  if (!Array.isArray(orderBy)) throw new TypeError(RDS_MESSAGES.badOrderBy);
  return orderBy
    .map((item: unknown) => {
      if (!isPlainObject(item) || typeof item.column !== 'string') throw new TypeError(RDS_MESSAGES.badOrderBy);
      if (item.dir === undefined) return writer.quote(item.column);
      if (typeof item.dir !== 'string' || !['ASC', 'DESC'].includes(item.dir.toUpperCase())) throw new TypeError(RDS_MESSAGES.badDirection(item.dir));
      return `${writer.quote(item.column)} ${item.dir.toUpperCase()}`;
    })
    .join(', ');
}

function countSql(payload: Record<string, unknown>, key: 'limit' | 'offset', writer: SqlWriter): string {
  const value = payload[key];
  if (value === undefined) return '';
  const count = nonNegativeInteger(value, key);
  return clause(key.toUpperCase(), RDS_LIMIT_AS_VARIABLE ? writer.variable(count) : `${count}`);
}

function renderSelect(payload: Record<string, unknown>, writer: SqlWriter): string {
  const source = payloadSource(payload, writer, 'select');
  return (
    `SELECT ${columnListSql(payload.columns, writer, 'columns')} FROM ${source}` +
    joinsSql(payload, writer) +
    (payload.where === undefined ? '' : clause('WHERE', conditionSql(payload.where, writer, 'where'))) +
    clause('GROUP BY', groupBySql(payload.groupBy, writer)) +
    (payload.having === undefined ? '' : clause('HAVING', conditionSql(payload.having, writer, 'having'))) +
    clause('ORDER BY', orderBySql(payload.orderBy, writer)) +
    countSql(payload, 'limit', writer) +
    countSql(payload, 'offset', writer)
  );
}

export function select(payload: unknown): RdsStatement {
  return buildStatement('select', 'select', payload, renderSelect);
}
