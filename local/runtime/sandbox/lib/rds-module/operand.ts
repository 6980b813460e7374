// How a value, a column list or a table appears in generated SQL.
import { RDS_NESTED_STATEMENT_INLINED } from '../aws-unverified';
import { isPlainObject } from '../values';
import { RDS_MESSAGES } from './messages';
import { isAggregate, isStatement, type Aggregate, type SqlWriter } from './statement';

/** A value position: a variable, or a nested statement (a select in parentheses). */
export function operand(value: unknown, writer: SqlWriter): string {
  if (RDS_NESTED_STATEMENT_INLINED && isStatement(value)) {
    const text = value.render(writer);
    return value.kind === 'sql' ? text : `(${text})`;
  }
  return writer.variable(value);
}

export function aggregateSql(aggregate: Aggregate, writer: SqlWriter): string {
  return `${aggregate.fn}(${aggregate.distinct ? 'DISTINCT ' : ''}${writer.quote(aggregate.column)})`;
}

/** The one `[alias, value]` of `{ alias: value }`. */
export function aliasEntry(value: Record<string, unknown>): [string, unknown] {
  const keys = Object.keys(value);
  if (keys.length !== 1) throw new TypeError(RDS_MESSAGES.badAlias);
  return [keys[0], value[keys[0]]];
}

/** An aliased expression's left side: a name is quoted, a statement nested, an aggregate rendered. */
function aliasedExpression(alias: string, value: unknown, writer: SqlWriter): string {
  if (typeof value === 'string') return writer.quote(value);
  if (isAggregate(value)) return aggregateSql(value, writer);
  if (isStatement(value)) return value.kind === 'sql' ? value.render(writer) : `(${value.render(writer)})`;
  throw new TypeError(RDS_MESSAGES.badAliasValue(alias));
}

/** `table` / `from`: a name, `{ alias: name | statement }`, or a statement (from only). */
export function sourceSql(source: unknown, writer: SqlWriter, builder: string): string {
  if (typeof source === 'string') return writer.quote(source);
  if (isStatement(source)) return source.kind === 'sql' ? source.render(writer) : `(${source.render(writer)})`;
  if (isPlainObject(source)) {
    const [alias, value] = aliasEntry(source);
    return `${aliasedExpression(alias, value, writer)} AS ${writer.quote(alias)}`;
  }
  throw new TypeError(RDS_MESSAGES.badTable(builder));
}

/** The table of a builder payload: exactly one of table and from. */
export function payloadSource(payload: Record<string, unknown>, writer: SqlWriter, builder: string): string {
  const hasTable = payload.table !== undefined && payload.table !== null;
  const hasFrom = payload.from !== undefined && payload.from !== null;
  if (hasTable && hasFrom) throw new TypeError(RDS_MESSAGES.tableAndFrom(builder));
  if (!hasTable && !hasFrom) throw new TypeError(RDS_MESSAGES.noTable(builder));
  return sourceSql(hasTable ? payload.table : payload.from, writer, builder);
}

/** `'*'` or a list of names, `{ alias: column | statement | aggregate }` and aggregates. */
export function columnListSql(columns: unknown, writer: SqlWriter, what: string): string {
  if (columns === undefined || columns === null || columns === '*') return '*';
  if (!Array.isArray(columns) || columns.length === 0) throw new TypeError(RDS_MESSAGES.badColumns(what));
  return columns
    .map((column: unknown) => {
      if (typeof column === 'string') return writer.quote(column);
      if (isAggregate(column)) return aggregateSql(column, writer);
      if (isPlainObject(column) && !isStatement(column)) {
        return Object.keys(column).map((alias) => `${aliasedExpression(alias, column[alias], writer)} AS ${writer.quote(alias)}`).join(', ');
      }
      throw new TypeError(RDS_MESSAGES.badColumn(what));
    })
    .join(', ');
}
