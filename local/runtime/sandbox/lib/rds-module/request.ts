// createPgStatement / createMySQLStatement: one RDSRequest of one or two statements, rendered
// with the dialect's identifier quoting and one variable counter shared by both statements.
import { RDS_MAX_STATEMENTS } from '../aws-unverified';
import { RDS_MESSAGES } from './messages';
import { isStatement, type Dialect } from './statement';
import { createWriter } from './writer';

export interface RdsRequest {
  statements: string[];
  variableMap: Record<string, unknown>;
  variableTypeHintMap: Record<string, string>;
}

export function createRequest(dialect: Dialect, fn: string, statements: unknown[]): RdsRequest {
  // `statement2` may be null or undefined: one statement.
  const given = statements.length === 2 && (statements[1] === null || statements[1] === undefined) ? [statements[0]] : statements;
  if (given.length === 0 || given[0] === undefined || given[0] === null) throw new TypeError(RDS_MESSAGES.noStatement(fn));
  if (given.length > RDS_MAX_STATEMENTS) throw new TypeError(RDS_MESSAGES.tooManyStatements(fn, given.length));
  const writer = createWriter(dialect);
  const rendered = given.map((statement, i) => {
    if (typeof statement === 'string') return statement;
    if (isStatement(statement)) return statement.render(writer);
    throw new TypeError(RDS_MESSAGES.notStatement(fn, i + 1));
  });
  return { statements: rendered, variableMap: writer.variableMap, variableTypeHintMap: writer.variableTypeHintMap };
}
