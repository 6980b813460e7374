// The rds module through the public EvaluateCode API, in the realm, with AWS's documented
// resolver code as written (appsync-js-rds.md), and beside util and the dynamodb module: code
// importing all three is what AWS accepts and what the runtime refused before.
import { evaluate, positionOf, resultOf } from './evaluate-helper';

const THREE_MODULES = `import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import * as rds from '@aws-appsync/utils/rds';
`;

describe('util, the dynamodb module and the rds module in one resolver', () => {
  // Recorded on AWS (reference, runtime §5.2): these dynamodb and util outputs do not change when
  // the rds import is added.
  it.each<[string, string, unknown]>([
    ['ddb.get', "return ddb.get({ key: { id: 'id' } });", { operation: 'GetItem', key: { id: { S: 'id' } } }],
    ['ddb.put', "return ddb.put({ key: { id: 'abc' }, item: { value: 10 } });", { operation: 'PutItem', key: { id: { S: 'abc' } }, attributeValues: { value: { N: 10 } } }],
    ['ddb.scan', "return ddb.scan({ limit: 10, nextToken: 'abc' });", { operation: 'Scan', limit: 10, nextToken: 'abc' }],
    ['util.dynamodb.toNumberSet', 'return util.dynamodb.toNumberSet([1, 23, 4.56]);', { NS: [1, 23, 4.56] }],
    ['an rds request', "return rds.createPgStatement(rds.select({ table: 'persons', where: { id: { eq: ctx.args.id } } }));",
      { statements: ['SELECT * FROM "persons" WHERE "id" = :P0'], variableMap: { ':P0': 7 }, variableTypeHintMap: {} }],
  ])('%s', async (_label, body, expected) => {
    const code = `${THREE_MODULES}export function request(ctx) {\n  ${body}\n}\nexport function response(ctx) {\n  return ctx.result;\n}\n`;
    expect(await resultOf(code, { arguments: { id: 7 } })).toEqual(expected);
  });
});

describe('AWS documented rds resolvers, evaluated as written', () => {
  it.each<[string, string, object, unknown]>([
    ['sql with createMySQLStatement', `import { sql, createMySQLStatement } from '@aws-appsync/utils/rds';

export function request(ctx) {
  const query = sql\`
SELECT * FROM table
WHERE column = \${ctx.args.col}\`
  ;
  return createMySQLStatement(query);
}
`, { arguments: { col: 'abc' } }, { statements: ['\nSELECT * FROM table\nWHERE column = :P0'], variableMap: { ':P0': 'abc' }, variableTypeHintMap: {} }],
    ['two statements', `import { sql, createMySQLStatement } from '@aws-appsync/utils/rds';

export function request(ctx) {
    const { id, text } = ctx.args;
    const s1 = sql\`insert into Post(id, text) values(\${id}, \${text})\`;
    const s2 = sql\`select * from Post where id = \${id}\`;
    return createMySQLStatement(s1, s2);
}
`, { arguments: { id: '1', text: 'hi' } }, {
      statements: ['insert into Post(id, text) values(:P0, :P1)', 'select * from Post where id = :P2'],
      variableMap: { ':P0': '1', ':P1': 'hi', ':P2': '1' },
      variableTypeHintMap: {},
    }],
    ['insert with returning (PostgreSQL)', `import { insert, createPgStatement } from '@aws-appsync/utils/rds';

export function request(ctx) {
    const { input: values } = ctx.args;
    const insertStatement = insert({
        table: 'persons',
        values,
        returning: '*'
    });
    return createPgStatement(insertStatement)
}
`, { arguments: { input: { name: 'Jon' } } }, { statements: ['INSERT INTO "persons"("name") VALUES(:P0) RETURNING *'], variableMap: { ':P0': 'Jon' }, variableTypeHintMap: {} }],
    ['update', `import { update, createPgStatement } from '@aws-appsync/utils/rds';

export function request(ctx) {
    const { input: { id, ...values }, condition } = ctx.args;
    const where = {
        ...condition,
        id: { eq: id },
    };
    const updateStatement = update({
        table: 'persons',
        values,
        where,
        returning: ['id', 'name'],
    });
    return createPgStatement(updateStatement)
}
`, { arguments: { input: { id: 3, name: 'Jon' }, condition: { known_since: { ge: '2000' } } } }, {
      statements: ['UPDATE "persons" SET "name" = :P0 WHERE "known_since" >= :P1 AND "id" = :P2 RETURNING "id", "name"'],
      variableMap: { ':P0': 'Jon', ':P1': '2000', ':P2': 3 },
      variableTypeHintMap: {},
    }],
    // AWS's example passes `updateStatement`, undefined there; `deleteStatement` is meant.
    ['remove', `import { remove, createPgStatement } from '@aws-appsync/utils/rds';

export function request(ctx) {
    const { input: { id }, condition } = ctx.args;
    const where = { ...condition, id: { eq: id } };
    const deleteStatement = remove({
        table: 'persons',
        where,
        returning: ['id', 'name'],
    });
    return createPgStatement(deleteStatement)
}
`, { arguments: { input: { id: 3 } } }, { statements: ['DELETE FROM "persons" WHERE "id" = :P0 RETURNING "id", "name"'], variableMap: { ':P0': 3 }, variableTypeHintMap: {} }],
    ['typeHint.JSON', `import { sql, createPgStatement, toJsonObject, typeHint } from '@aws-appsync/utils/rds';

export function request(ctx) {
    const arr = ctx.args.list_of_ids
    const statement = sql\`select \${typeHint.JSON(arr)}->2 as value\`
    return createPgStatement(statement)
}

export function response(ctx) {
    return toJsonObject(ctx.result)[0][0].value
}
`, { arguments: { list_of_ids: [1, 2, 3] } }, { statements: ['select :P0->2 as value'], variableMap: { ':P0': '[1,2,3]' }, variableTypeHintMap: { ':P0': 'JSON' } }],
  ])('%s', async (_label, code, context, expected) => {
    expect(await resultOf(code, context)).toEqual(expected);
  });

  it('typeHint.TIMESTAMP of util.time.nowFormatted (util used as the global, as AWS\'s example does)', async () => {
    const code = `import { sql, createPgStatement, typeHint } from '@aws-appsync/utils/rds';

export function request(ctx) {
    const now = util.time.nowFormatted('YYYY-MM-dd HH:mm:ss')
    return createPgStatement(sql\`select \${typeHint.TIMESTAMP(now)}\`)
}
`;
    const output = await evaluate(code, {}, 'request', { nowMs: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(output.error).toBeUndefined();
    expect(JSON.parse(output.evaluationResult ?? 'null')).toEqual({
      statements: ['select :P0'],
      variableMap: { ':P0': '2026-01-02 03:04:05' },
      variableTypeHintMap: { ':P0': 'TIMESTAMP' },
    });
  });

  it('the response handler: toJsonObject(ctx.result)[1][0] of a two-statement result, and ctx.error forwarded with util.appendError', async () => {
    const code = `import { toJsonObject } from '@aws-appsync/utils/rds';

export function response(ctx) {
    const { error, result } = ctx;
    if (error) {
        return util.appendError(
            error.message,
            error.type,
            result
        )
    }
    return toJsonObject(result)[1][0]
}
`;
    const result = JSON.stringify({
      sqlStatementResults: [
        { numberOfRecordsUpdated: 1 },
        { numberOfRecordsUpdated: 0, records: [[{ stringValue: '1' }, { stringValue: 'hi' }]], columnMetadata: [{ name: 'id', label: 'id' }, { name: 'text', label: 'text' }] },
      ],
    });
    expect(await resultOf(code, { result }, 'response')).toEqual({ id: '1', text: 'hi' });
    const failed = await evaluate(code, { result: null, error: { message: 'Duplicate entry', type: 'RDSHttp:BadRequestException' } }, 'response');
    expect(failed.error).toBeUndefined();
    expect(JSON.parse(failed.outErrors ?? '[]')).toEqual([{ message: 'Duplicate entry', errorType: 'RDSHttp:BadRequestException', data: null, errorInfo: null }]);
  });

  it('typeHint.DATETIME (in one AWS example, not in the type declarations) is refused before the code runs (TS2339)', async () => {
    const code = `import { select, createPgStatement, typeHint } from '@aws-appsync/utils/rds';

export function request(ctx) {
    const when = ctx.args.when
    const statement = select({
        table: 'persons',
        where: { createdAt : { gt: typeHint.DATETIME(when) } }
    })
    return createPgStatement(statement)
}
`;
    const output = await evaluate(code, { arguments: { when: '2024-01-01 00:00:00' } });
    const [line, column] = positionOf(code, 'DATETIME(when)').split(':').map(Number);
    expect(output.evaluationResult).toBeUndefined();
    expect(output.error?.codeErrors).toEqual([{
      errorType: 'TYPE_CHECK_ERROR',
      value: `code.js(${line},${column}): error TS2339: Property 'DATETIME' does not exist on type 'typeof import("@aws-appsync/utils/rds").typeHint'.`,
      location: { line, column, span: 'DATETIME'.length },
    }]);
  });
});

describe('rds errors reach the author at the call that was given the bad input', () => {
  it.each<[string, string, string, string]>([
    ['three statements', "return rds.createPgStatement('select 1', 'select 2', 'select 3');", "createPgStatement('select 1', 'select 2'", 'TypeError: createPgStatement accepts at most 2 statements, got 3'],
    ['returning with MySQL', "return rds.createMySQLStatement(rds.insert({ table: 't', values: { a: 1 }, returning: '*' }));", 'createMySQLStatement(', 'TypeError: returning is only supported by PostgreSQL (createPgStatement)'],
    ['an unknown operator', "return rds.createPgStatement(rds.select({ table: 't', where: { id: { in: [1, 2] } } }));", 'select({', 'TypeError: Unsupported operator "in" on "id"'],
  ])('%s', async (_label, body, call, message) => {
    const code = `${THREE_MODULES}export function request(ctx) {\n  ${body}\n}\n`;
    const output = await evaluate(code);
    expect(output.error?.message).toBe(`code.js:${positionOf(code, call)}: ${message}`);
    // The realm is unharmed: the next evaluation runs normally.
    expect(await resultOf(`${THREE_MODULES}export function request(ctx) {\n  return rds.createPgStatement('select 1');\n}\n`)).toEqual({ statements: ['select 1'], variableMap: {}, variableTypeHintMap: {} });
  });

  it('the rds module namespace cannot be changed by resolver code', async () => {
    const code = `${THREE_MODULES}export function request(ctx) {\n  rds.select = 1;\n  return {};\n}\n`;
    const output = await evaluate(code);
    expect(output.error?.message).toMatch(/^code\.js:\d+:\d+: TypeError: Cannot assign to read only property 'select'/);
  });
});
