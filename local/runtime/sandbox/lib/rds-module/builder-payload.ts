// What every builder does with its payload: check it is an object, and render it once at the
// call (into a throwaway PostgreSQL writer) so a bad input fails at the builder, where the
// author wrote it, rather than later in createPgStatement / createMySQLStatement.
import { isPlainObject } from '../values';
import { RDS_MESSAGES } from './messages';
import { makeStatement, type RdsStatement, type SqlWriter, type StatementKind } from './statement';
import { createWriter } from './writer';

export function buildStatement(
  kind: StatementKind,
  builder: string,
  payload: unknown,
  render: (payload: Record<string, unknown>, writer: SqlWriter) => string,
): RdsStatement {
  if (!isPlainObject(payload)) throw new TypeError(RDS_MESSAGES.payload(builder));
  render(payload, createWriter('pg'));
  return makeStatement(kind, (writer) => render(payload, writer));
}

/** ` KEYWORD text`, or nothing when text is empty. */
export const clause = (keyword: string, text: string): string => (text === '' ? '' : ` ${keyword} ${text}`);

export function nonNegativeInteger(value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new TypeError(RDS_MESSAGES.badCount(key));
  return value;
}
