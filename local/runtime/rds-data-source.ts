// A RELATIONAL_DATABASE data source for runPipeline: checks the request a function returned,
// hands it to the caller's executor and gives the response handler what AppSync gives it,
// ctx.result as the JSON text of the ExecuteStatement results. Without an executor the function
// gets a ctx.error saying so: the twin builds SQL requests but does not run SQL.
import type { RdsExecuteResult, RdsExecutor, RdsRequest, RelationalDatabaseWiring } from '../datasources/rds-types';
import type { DataSourceOutcome } from './pipeline';

/** UNVERIFIED: the errorTypes AppSync gives for a refused RDS request and a failed statement. */
export const RDS_ERROR_TYPE = {
  badRequest: 'RDSHttp:BadRequestException',
  /** Twin only: no executor was configured. */
  notExecuted: 'RDSHttp:NotExecutedLocally',
} as const;

const TYPE_HINTS = ['DECIMAL', 'JSON', 'TIMESTAMP', 'TIME', 'UUID', 'DATE'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why AppSync's RDS data source would refuse `request`, or undefined when it is a valid RDSRequest. */
export function rdsRequestProblem(request: unknown): string | undefined {
  if (!isRecord(request)) return 'The request must be an object returned by createPgStatement or createMySQLStatement.';
  const { statements, variableMap, variableTypeHintMap } = request;
  if (!Array.isArray(statements) || statements.length < 1 || statements.length > 2) return 'statements must hold one or two SQL statements.';
  if (!statements.every((s) => typeof s === 'string' && s.trim() !== '')) return 'Each statement must be a non-empty string.';
  if (variableMap !== undefined && !isRecord(variableMap)) return 'variableMap must be an object.';
  if (variableTypeHintMap !== undefined && !isRecord(variableTypeHintMap)) return 'variableTypeHintMap must be an object.';
  for (const [name, hint] of Object.entries(variableTypeHintMap ?? {})) {
    if (!TYPE_HINTS.includes(hint as string)) return `variableTypeHintMap: ${name} has an unknown type hint ${JSON.stringify(hint)}.`;
    if (!isRecord(variableMap) || !Object.hasOwn(variableMap, name)) return `variableTypeHintMap names ${name}, which is not in variableMap.`;
  }
  return undefined;
}

export function createRdsDataSource(wiring: RelationalDatabaseWiring, executor?: RdsExecutor): (request: unknown) => Promise<DataSourceOutcome> {
  return async (request) => {
    const problem = rdsRequestProblem(request);
    if (problem !== undefined) return { error: { type: RDS_ERROR_TYPE.badRequest, message: problem } };
    if (executor === undefined) {
      return { error: { type: RDS_ERROR_TYPE.notExecuted, message: `The twin does not execute SQL: data source for ${wiring.databaseName} has no executor.` } };
    }
    const checked = request as RdsRequest;
    let answer: RdsExecuteResult;
    try {
      answer = await executor({ statements: checked.statements, variableMap: checked.variableMap ?? {}, variableTypeHintMap: checked.variableTypeHintMap ?? {} }, wiring);
    } catch (error) {
      return { error: { type: RDS_ERROR_TYPE.badRequest, message: error instanceof Error ? error.message : String(error) } };
    }
    // AppSync hands RDS results to the response handler as a JSON string (reference rds §9).
    return { result: JSON.stringify(answer) };
  };
}
