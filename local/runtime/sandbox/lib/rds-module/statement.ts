// The objects the rds builders hand to resolver code: statements (rendered only when
// createPgStatement / createMySQLStatement knows the dialect), type-hinted values and aggregates.
// The brands are non-enumerable, so JSON.stringify of one shows `{}` and nothing internal.

export type Dialect = 'pg' | 'mysql';

/** Writes one request: quotes identifiers for its dialect and numbers its variables. */
export interface SqlWriter {
  readonly dialect: Dialect;
  quote(identifier: string): string;
  /** Registers a value (plain or type-hinted) and returns its placeholder. */
  variable(value: unknown): string;
}

export type StatementKind = 'sql' | 'select' | 'insert' | 'update' | 'remove';

export interface RdsStatement {
  readonly kind: StatementKind;
  render(writer: SqlWriter): string;
}

export type HintName = 'DECIMAL' | 'JSON' | 'TIMESTAMP' | 'TIME' | 'UUID' | 'DATE';

export interface TypeHinted {
  readonly hint: HintName;
  /** What goes into variableMap. */
  readonly value: unknown;
}

export interface Aggregate {
  readonly fn: string;
  readonly distinct: boolean;
  readonly column: string;
}

const STATEMENT = '__appsyncRdsStatement$';
const HINT = '__appsyncRdsTypeHint$';
const AGGREGATE = '__appsyncRdsAggregate$';

function branded<T extends object>(brand: string, fields: T): T {
  const object = {} as T;
  Object.defineProperty(object, brand, { value: true, enumerable: false });
  for (const key of Object.keys(fields) as Array<keyof T & string>) {
    Object.defineProperty(object, key, { value: fields[key], enumerable: false });
  }
  return Object.freeze(object);
}

function hasBrand(value: unknown, brand: string): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[brand] === true;
}

export const makeStatement = (kind: StatementKind, render: (writer: SqlWriter) => string): RdsStatement =>
  branded(STATEMENT, { kind, render });
export const isStatement = (value: unknown): value is RdsStatement => hasBrand(value, STATEMENT);

export const makeHint = (hint: HintName, value: unknown): TypeHinted => branded(HINT, { hint, value });
export const isHint = (value: unknown): value is TypeHinted => hasBrand(value, HINT);

export const makeAggregate = (fn: string, distinct: boolean, column: string): Aggregate => branded(AGGREGATE, { fn, distinct, column });
export const isAggregate = (value: unknown): value is Aggregate => hasBrand(value, AGGREGATE);
