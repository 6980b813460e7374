// How handler outcomes surface in EvaluateCode (reference §8, §10.1).
import { evaluate, positionOf, requestModule, resultOf } from './evaluate-helper';

describe('errors', () => {
  it('util.error gives its message verbatim and no result', async () => {
    const output = await evaluate(requestModule("util.error('Room not found', 'NotFound', { id: 'r1' }, { hint: 1 });\n  return 1;"));
    expect(output.error).toEqual({ message: 'Room not found' });
    expect(output.evaluationResult).toBeUndefined();
    expect(output.outErrors).toBe('[]');
  });

  it('util.unauthorized gives "Unauthorized"', async () => {
    const output = await evaluate(requestModule('util.unauthorized();\n  return 1;'));
    expect(output.error).toEqual({ message: 'Unauthorized' });
    expect(output.evaluationResult).toBeUndefined();
  });

  // Each case: the code, the text at which V8 reports the failure, and the error text.
  it.each([
    [
      'a property of null',
      'export function request(ctx) {\n  return ctx.result.items.length;\n}\n',
      'items.length',
      "TypeError: Cannot read properties of null (reading 'items')",
    ],
    [
      'an undefined name, after an import and exports that the runtime rewrites',
      "import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n  const value = missingName + 1;\n  return value;\n}\n",
      'missingName',
      'ReferenceError: missingName is not defined',
    ],
    [
      'a failure after a loop on the same line (the loop is instrumented)',
      'export function request(ctx) {\n  let n = 0; for (const x of ctx.args.items) { n = n + x; } return ctx.args.nothing.deep;\n}\n',
      'deep',
      "TypeError: Cannot read properties of undefined (reading 'deep')",
    ],
    [
      'a failure inside a loop body without braces',
      'export function request(ctx) {\n  for (const x of ctx.args.items) ctx.args.none.push(x);\n  return 1;\n}\n',
      'push',
      "TypeError: Cannot read properties of undefined (reading 'push')",
    ],
    [
      'a failure in a top-level helper called through an exports list',
      'function helper(value) {\n  return value.notThere.x;\n}\nfunction request(ctx) {\n  return helper(ctx.args);\n}\nexport { request };\n',
      'x;',
      "TypeError: Cannot read properties of undefined (reading 'x')",
    ],
    [
      'a bundle with an inline source map (positions stay those of the JavaScript)',
      'export function request(ctx) {\n  return ctx.args.none.x;\n}\n//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJzb3VyY2VzIjpbImEudHMiXSwibWFwcGluZ3MiOiJBQUFBIn0=\n',
      'x;',
      "TypeError: Cannot read properties of undefined (reading 'x')",
    ],
  ])('an uncaught exception (%s) reports code.js:LINE:COL in the original code', async (_name, code, at, text) => {
    const output = await evaluate(code, { arguments: { items: [1, 2] } });
    expect(output.error?.message).toBe(`code.js:${positionOf(code, at)}: ${text}`);
    expect(output.evaluationResult).toBeUndefined();
  });

  it('answers code that fails the static check with codeErrors and runs nothing', async () => {
    const output = await evaluate(requestModule("console.log('ran');\n  let n = 0;\n  while (n < 3) { n = n + 1; }\n  return n;"));
    expect(output.error?.codeErrors?.length).toBeGreaterThan(0);
    expect(output.error?.codeErrors?.[0].errorType).toBe('LINT_ERROR');
    expect(output.evaluationResult).toBeUndefined();
    expect(output.logs).toBeUndefined();
  });
});

describe('what an evaluation records', () => {
  it('lists appended errors in outErrors and still returns the value', async () => {
    const output = await evaluate(requestModule("util.appendError('first', 'Warning');\n  util.appendError('second', 'Other', { a: 1 }, { b: 2 });\n  return 'value';"));
    expect(output.error).toBeUndefined();
    expect(output.evaluationResult).toBe('"value"');
    expect(JSON.parse(output.outErrors ?? '')).toEqual([
      { message: 'first', errorType: 'Warning', data: null, errorInfo: null },
      { message: 'second', errorType: 'Other', data: { a: 1 }, errorInfo: { b: 2 } },
    ]);
  });

  it('writes console.log and console.error lines to logs', async () => {
    const output = await evaluate(requestModule("console.log('hello', { a: 1 }, 2);\n  console.error('bad', [1]);\n  return null;"), {}, 'request', {
      nowMs: () => Date.UTC(2024, 0, 2, 3, 4, 5, 678),
    });
    expect(output.logs).toHaveLength(2);
    const [info, error] = output.logs ?? [];
    const requestId = info.split(' ')[1];
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(info).toBe(`2024-01-02T03:04:05.678Z ${requestId} INFO hello {"a":1} 2`);
    expect(error).toBe(`2024-01-02T03:04:05.678Z ${requestId} ERROR bad [1]`);
  });

  it('returns the stash as it is after the evaluation', async () => {
    const output = await evaluate(requestModule("ctx.stash.added = [1];\n  delete ctx.stash.removed;\n  return 1;"), { stash: { kept: 'k', removed: true } });
    expect(JSON.parse(output.stash ?? '')).toEqual({ kept: 'k', added: [1] });
  });

  it('answers a clean evaluation like AWS: result, empty logs, stash and outErrors', async () => {
    const output = await evaluate(requestModule("return { operation: 'GetItem', key: { id: { S: ctx.args.id } } };"), { arguments: { id: 'a' } });
    expect(output).toEqual({
      $metadata: expect.objectContaining({ httpStatusCode: 200 }),
      evaluationResult: '{"operation":"GetItem","key":{"id":{"S":"a"}}}',
      logs: [],
      stash: '{}',
      outErrors: '[]',
    });
  });

  it.each([
    ['undefined', 'return undefined;', 'null'],
    ['nothing', 'const x = 1;', 'null'],
    ['a string', "return 'a';", '"a"'],
    ['a number', 'return 1.5;', '1.5'],
  ])('gives evaluationResult as JSON when the handler returns %s', async (_name, body, expected) => {
    expect((await evaluate(requestModule(body))).evaluationResult).toBe(expected);
  });
});

describe('runtime.earlyReturn', () => {
  it.each([
    ['a value', "runtime.earlyReturn({ cached: true });\n  return 'late';", '{"cached":true}'],
    ['a value and skipTo', "runtime.earlyReturn([1], { skipTo: 'NEXT' });\n  return 'late';", '[1]'],
    ['nothing', "runtime.earlyReturn();\n  return 'late';", 'null'],
  ])('in a request handler returns %s as evaluationResult', async (_name, body, expected) => {
    const output = await evaluate(requestModule(body));
    expect(output.error).toBeUndefined();
    expect(output.evaluationResult).toBe(expected);
  });
});

describe('ctx', () => {
  const context = {
    arguments: { id: 'a' },
    identity: { sub: 'u1', username: 'alice', groups: ['Members'] },
    source: { parent: 1 },
    stash: { s: 1 },
    prev: { result: { p: 2 } },
    result: { r: 3 },
    error: { message: 'failed', type: 'DynamoDB:ConditionalCheckFailedException' },
    request: { headers: { 'x-test': 'yes' } },
    info: { fieldName: 'getRoom', parentTypeName: 'Query', variables: {}, selectionSetList: ['id', 'name'], selectionSetGraphQL: '{ id name }' },
  };

  it('carries every part of the context, with args as an alias of arguments', async () => {
    const code = requestModule(
      'return [ctx.args === ctx.arguments, ctx.args.id, ctx.identity.username, ctx.source.parent, ctx.stash.s, ctx.prev.result.p, ctx.result.r, ctx.error.type, ctx.request.headers["x-test"], ctx.info.fieldName, ctx.env];',
    );
    expect(await resultOf(code, context)).toEqual([true, 'a', 'alice', 1, 1, 2, 3, 'DynamoDB:ConditionalCheckFailedException', 'yes', 'getRoom', {}]);
  });

  it('leaves the selection set out of JSON.stringify(ctx.info) but lets code read it', async () => {
    const code = requestModule('return [JSON.stringify(ctx.info), ctx.info.selectionSetList, ctx.info.selectionSetGraphQL];');
    expect(await resultOf(code, context)).toEqual(['{"fieldName":"getRoom","parentTypeName":"Query","variables":{}}', ['id', 'name'], '{ id name }']);
  });

  it('gives args as {} and identity as null when the context has none', async () => {
    expect(await resultOf(requestModule('return [ctx.args, ctx.identity, ctx.stash];'), {})).toEqual([{}, null, {}]);
  });

  it.each([
    ['a Cognito user pool identity', { sub: 'u', username: 'alice', groups: [] }, 'User Pool Authorization'],
    ['an IAM identity', { accountId: '1', userArn: 'arn' }, 'IAM Authorization'],
    ['no identity', null, 'API Key Authorization'],
  ])('infers util.authType() from %s', async (_name, identity, expected) => {
    expect(await resultOf(requestModule('return util.authType();'), { identity })).toBe(expected);
  });
});

describe('module forms', () => {
  it.each([
    ['export function', "import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n  return util.dynamodb.toDynamoDB(ctx.args.n);\n}\n"],
    ['export const with an arrow returning an object', "import { util } from '@aws-appsync/utils';\nexport const request = (ctx) => ({ N: util.dynamodb.toDynamoDB(ctx.args.n).N });\n"],
    ['an export list with a rename', "import { util as u } from '@aws-appsync/utils';\nfunction build(ctx) {\n  return u.dynamodb.toDynamoDB(ctx.args.n);\n}\nexport { build as request };\n"],
    ['a namespace import of the dynamodb module', "import * as ddb from '@aws-appsync/utils/dynamodb';\nexport function request(ctx) {\n  return { N: ddb.get({ key: { id: ctx.args.n } }).key.id.N };\n}\n"],
    ['the util global without an import', 'export function request(ctx) {\n  return util.dynamodb.toDynamoDB(ctx.args.n);\n}\n'],
  ])('runs %s', async (_name, code) => {
    expect(await resultOf(code, { arguments: { n: 7 } })).toEqual({ N: 7 });
  });
});
