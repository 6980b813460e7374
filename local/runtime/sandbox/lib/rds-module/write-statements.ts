// insert(), update() and remove(). AWS's comments show `"persons"("name")` and `VALUES(:NAME)`
// with no space before the brackets; the rest is one line like select.
import { RDS_DELETE_KEYWORD, RDS_MYSQL_RETURNING_IS_ERROR } from '../aws-unverified';
import { isPlainObject } from '../values';
import { buildStatement, clause } from './builder-payload';
import { conditionSql } from './condition';
import { RDS_MESSAGES } from './messages';
import { columnListSql, operand, payloadSource } from './operand';
import type { RdsStatement, SqlWriter } from './statement';

function valueColumns(payload: Record<string, unknown>, builder: string): string[] {
  const values = payload.values;
  if (!isPlainObject(values)) throw new TypeError(RDS_MESSAGES.noValues(builder));
  const columns = Object.keys(values).filter((column) => values[column] !== undefined);
  if (columns.length === 0) throw new TypeError(RDS_MESSAGES.noValues(builder));
  return columns;
}

function returningSql(payload: Record<string, unknown>, writer: SqlWriter): string {
  if (payload.returning === undefined) return '';
  if (writer.dialect === 'mysql' && RDS_MYSQL_RETURNING_IS_ERROR) throw new TypeError(RDS_MESSAGES.returningMySql);
  return ` RETURNING ${columnListSql(payload.returning, writer, 'returning')}`;
}

function whereSql(payload: Record<string, unknown>, writer: SqlWriter): string {
  return payload.where === undefined ? '' : clause('WHERE', conditionSql(payload.where, writer, 'where'));
}

function renderInsert(payload: Record<string, unknown>, writer: SqlWriter): string {
  const columns = valueColumns(payload, 'insert');
  const values = payload.values as Record<string, unknown>;
  const table = payloadSource(payload, writer, 'insert');
  const names = columns.map((column) => writer.quote(column)).join(', ');
  const placeholders = columns.map((column) => operand(values[column], writer)).join(', ');
  return `INSERT INTO ${table}(${names}) VALUES(${placeholders})${returningSql(payload, writer)}`;
}

function renderUpdate(payload: Record<string, unknown>, writer: SqlWriter): string {
  const columns = valueColumns(payload, 'update');
  const values = payload.values as Record<string, unknown>;
  const table = payloadSource(payload, writer, 'update');
  const assignments = columns.map((column) => `${writer.quote(column)} = ${operand(values[column], writer)}`).join(', ');
  return `UPDATE ${table} SET ${assignments}${whereSql(payload, writer)}${returningSql(payload, writer)}`;
}

function renderRemove(payload: Record<string, unknown>, writer: SqlWriter): string {
  const table = payloadSource(payload, writer, 'remove');
  return `${RDS_DELETE_KEYWORD} ${table}${whereSql(payload, writer)}${returningSql(payload, writer)}`;
}

export const insert = (payload: unknown): RdsStatement => buildStatement('insert', 'insert', payload, renderInsert);
export const update = (payload: unknown): RdsStatement => buildStatement('update', 'update', payload, renderUpdate);
export const remove = (payload: unknown): RdsStatement => buildStatement('remove', 'remove', payload, renderRemove);
