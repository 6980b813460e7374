// A pipeline against a RELATIONAL_DATABASE data source: the function builds its request with the
// rds module, the data source checks it and hands it to the executor, and the response handler
// reads ctx.result (JSON text) with toJsonObject. The executor stands in for a database: SQL
// execution is out of the twin's scope.
import { createRdsDataSource, rdsRequestProblem, RDS_ERROR_TYPE } from '../../../local/runtime/rds-data-source';
import { runPipeline, type PipelineBaseContext } from '../../../local/runtime/pipeline';
import type { RdsExecuteResult, RdsRequest, RelationalDatabaseWiring } from '../../../local/datasources/rds-types';

const wiring: RelationalDatabaseWiring = { kind: 'RELATIONAL_DATABASE', engine: 'POSTGRESQL', databaseName: 'chat' };

const resolverCode = `export function request(ctx) { return {}; }
export function response(ctx) { return ctx.prev.result; }
`;
const getPersonCode = `import { util } from '@aws-appsync/utils';
import { select, createPgStatement, toJsonObject } from '@aws-appsync/utils/rds';
export function request(ctx) {
  return createPgStatement(select({ table: 'persons', columns: ['id', 'name'], where: { id: { eq: ctx.args.id } }, limit: 1 }));
}
export function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return toJsonObject(ctx.result)[0][0];
}
`;
const context: PipelineBaseContext = {
  arguments: { id: 7 },
  identity: null,
  source: null,
  request: { headers: {} },
  info: { fieldName: 'getPerson', parentTypeName: 'Query', variables: {}, selectionSetList: ['id', 'name'], selectionSetGraphQL: '{ id name }' },
};

const personResult: RdsExecuteResult = {
  sqlStatementResults: [{ numberOfRecordsUpdated: 0, records: [[{ longValue: 7 }, { stringValue: 'Ada' }]], columnMetadata: [{ name: 'id', label: 'id' }, { name: 'name', label: 'name' }] }],
};

function pipelineWith(invoke: (request: unknown) => Promise<{ result?: unknown; error?: { message: string; type: string } }>) {
  return runPipeline({ code: resolverCode, functions: [{ name: 'getPerson', code: getPersonCode, dataSourceName: 'ChatDatabase' }], context, invokeDataSource: (_name, request) => invoke(request) });
}

describe('RELATIONAL_DATABASE data source in a pipeline', () => {
  it('hands the executor the RDSRequest the rds module built and returns the row', async () => {
    const seen: RdsRequest[] = [];
    const result = await pipelineWith(createRdsDataSource(wiring, async (request) => {
      seen.push(request);
      return personResult;
    }));
    expect(seen).toEqual([{ statements: ['SELECT "id", "name" FROM "persons" WHERE "id" = :P0 LIMIT :P1'], variableMap: { ':P0': 7, ':P1': 1 }, variableTypeHintMap: {} }]);
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({ id: 7, name: 'Ada' });
  });

  it('without an executor the function gets ctx.error saying the twin does not run SQL', async () => {
    const result = await pipelineWith(createRdsDataSource(wiring));
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([{ message: 'The twin does not execute SQL: data source for chat has no executor.', errorType: RDS_ERROR_TYPE.notExecuted, data: null, errorInfo: null }]);
  });

  it('an executor failure becomes ctx.error', async () => {
    const result = await pipelineWith(createRdsDataSource(wiring, () => Promise.reject(new Error('relation "persons" does not exist'))));
    expect(result.errors.map((e) => [e.errorType, e.message])).toEqual([[RDS_ERROR_TYPE.badRequest, 'relation "persons" does not exist']]);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'select 1', 'The request must be an object returned by createPgStatement or createMySQLStatement.'],
    ['no statements', { statements: [] }, 'statements must hold one or two SQL statements.'],
    ['three statements', { statements: ['a', 'b', 'c'] }, 'statements must hold one or two SQL statements.'],
    ['an empty statement', { statements: [' '] }, 'Each statement must be a non-empty string.'],
    ['a numeric statement', { statements: [1] }, 'Each statement must be a non-empty string.'],
    ['variableMap an array', { statements: ['a'], variableMap: [] }, 'variableMap must be an object.'],
    ['an unknown hint', { statements: ['a'], variableMap: { ':P0': 1 }, variableTypeHintMap: { ':P0': 'DATETIME' } }, 'variableTypeHintMap: :P0 has an unknown type hint "DATETIME".'],
    ['a hint without a variable', { statements: ['a'], variableMap: {}, variableTypeHintMap: { ':P0': 'UUID' } }, 'variableTypeHintMap names :P0, which is not in variableMap.'],
  ])('refuses a request with %s and never calls the executor', async (_label, request, message) => {
    expect(rdsRequestProblem(request)).toBe(message);
    const calls: unknown[] = [];
    const outcome = await createRdsDataSource(wiring, async (r) => {
      calls.push(r);
      return personResult;
    })(request);
    expect(outcome).toEqual({ error: { type: RDS_ERROR_TYPE.badRequest, message } });
    expect(calls).toEqual([]);
  });
});
