import { buildSync } from 'esbuild';
import appsyncPlugin from '@aws-appsync/eslint-plugin';
import type { CodeError as SdkCodeError } from '@aws-sdk/client-appsync';
import { checkCode, MAX_CODE_LENGTH, type CodeError } from '../../../local/runtime/static-check';

/** Two valid handlers, appended to snippets whose offence is elsewhere. */
const HANDLERS = ['export function request(ctx) { return {}; }', 'export function response(ctx) { return ctx.result; }'];
const withHandlers = (...lines: string[]): string => [...lines, ...HANDLERS].join('\n');

interface Offence {
  rule: string;
  code: string;
  errorType: string;
  line: number;
  column: number;
  /** How many errors the snippet yields in total (usually only this one). */
  total?: number;
}

const LINT = 'LINT_ERROR';
const SYNTAX = 'UNSUPPORTED_SYNTAX_TYPE';

// Columns are 1-based and counted by hand from the snippet text.
const offences: Offence[] = [
  { rule: '@aws-appsync/no-async', code: withHandlers('const load = async () => 1;'), errorType: LINT, line: 1, column: 14 },
  { rule: '@aws-appsync/no-await', code: withHandlers('const value = await 1;'), errorType: LINT, line: 1, column: 15 },
  // Every `new` is also refused on its own (UNSUPPORTED_SYNTAX_TYPE), hence two errors.
  { rule: '@aws-appsync/no-promise', code: withHandlers('const p = new Promise(executor);'), errorType: LINT, line: 1, column: 11, total: 2 },
  { rule: '@aws-appsync/no-classes', code: withHandlers('const a = 1;', 'class Room {}'), errorType: LINT, line: 2, column: 1 },
  {
    rule: '@aws-appsync/no-for',
    code: ['export function request(ctx) {', '  for (let i = 0; i < 3; i += 1) { ctx.stash.n = i; }', '  return {};', '}', HANDLERS[1]].join('\n'),
    errorType: LINT,
    line: 2,
    column: 3,
  },
  { rule: '@aws-appsync/no-continue', code: withHandlers('for (const x of [1]) { continue; }'), errorType: LINT, line: 1, column: 24 },
  { rule: '@aws-appsync/no-generators', code: withHandlers('', 'function* ids() {}'), errorType: LINT, line: 2, column: 1 },
  { rule: '@aws-appsync/no-yield', code: withHandlers('const g = function* () { yield 1; };'), errorType: LINT, line: 1, column: 26 },
  { rule: '@aws-appsync/no-labels', code: withHandlers('outer: for (const x of [1]) { break outer; }'), errorType: LINT, line: 1, column: 1 },
  { rule: '@aws-appsync/no-regex', code: withHandlers('const re = /a+/;'), errorType: LINT, line: 1, column: 12 },
  { rule: '@aws-appsync/no-this', code: withHandlers('const self = this;'), errorType: LINT, line: 1, column: 14 },
  { rule: '@aws-appsync/no-try', code: withHandlers('const a = 1;', '  try { a.b(); } finally { a.c(); }'), errorType: LINT, line: 2, column: 3 },
  { rule: '@aws-appsync/no-while', code: withHandlers('while (false) {}'), errorType: LINT, line: 1, column: 1 },
  { rule: '@aws-appsync/no-while', code: withHandlers('let n = 1;', 'do { n = 0; } while (n);'), errorType: LINT, line: 2, column: 1 },
  { rule: '@aws-appsync/no-disallowed-unary-operators', code: withHandlers('let n = 0;', 'n++;'), errorType: LINT, line: 2, column: 1 },
  { rule: '@aws-appsync/no-disallowed-unary-operators', code: withHandlers('const m = ~1;'), errorType: LINT, line: 1, column: 11 },
  { rule: '@aws-appsync/no-disallowed-binary-operators', code: withHandlers('const isArr = [] instanceof Object;'), errorType: LINT, line: 1, column: 15 },
  { rule: '@aws-appsync/no-in-operator', code: withHandlers("const has = 'a' in {};"), errorType: LINT, line: 1, column: 13 },
  {
    rule: '@aws-appsync/no-disallowed-re-assignment',
    code: ['export function request(ctx) {', '  ctx.stash = {};', '  return {};', '}', HANDLERS[1]].join('\n'),
    errorType: LINT,
    line: 2,
    column: 3,
  },
  { rule: '@aws-appsync/no-recursion', code: withHandlers('function loop(n) { return loop(n); }'), errorType: LINT, line: 1, column: 27 },
  { rule: '@aws-appsync/no-recursion', code: withHandlers('function a() { return b(); }', 'function b() { return a(); }'), errorType: LINT, line: 1, column: 23, total: 2 },
  { rule: '@aws-appsync/no-disallowed-methods', code: withHandlers("const padded = 'a'.padStart(3);"), errorType: LINT, line: 1, column: 16 },
  { rule: '@aws-appsync/no-disallowed-methods', code: withHandlers('const keys = Object.getOwnPropertyNames({});'), errorType: LINT, line: 1, column: 14 },
  {
    rule: '@aws-appsync/no-function-passing',
    code: withHandlers('function apply(f) { return f(1); }', 'const two = apply((x) => x + 1);'),
    errorType: LINT,
    line: 2,
    column: 13,
  },
  // Array.sort takes no comparator on AppSync (aws-appsync-community issue 325).
  { rule: '@aws-appsync/no-function-passing', code: withHandlers('const sorted = [3, 1].sort((a, b) => a - b);'), errorType: LINT, line: 1, column: 16 },
  { rule: '@aws-appsync/no-function-reassign', code: withHandlers('function helper() { return 1; }', 'const alias = helper;'), errorType: LINT, line: 2, column: 7 },
  { rule: '@aws-appsync/no-function-return', code: withHandlers('function make() { return () => 1; }'), errorType: LINT, line: 1, column: 19 },
  {
    rule: 'no-throw',
    code: ['export function request(ctx) {', "  throw 'nope';", '}', HANDLERS[1]].join('\n'),
    errorType: LINT,
    line: 2,
    column: 3,
  },
  { rule: 'no-new', code: withHandlers('const seen = new Set();'), errorType: SYNTAX, line: 1, column: 14 },
  {
    rule: 'no-new',
    code: ['export function request(ctx) {', '  return { at: new Date().toISOString() };', '}', HANDLERS[1]].join('\n'),
    errorType: SYNTAX,
    line: 2,
    column: 16,
  },
  { rule: 'no-unsupported-import', code: withHandlers("import { chunk } from 'lodash';"), errorType: SYNTAX, line: 1, column: 23 },
  { rule: 'no-unsupported-import', code: withHandlers("import { readFileSync } from 'node:fs';"), errorType: SYNTAX, line: 1, column: 30 },
  { rule: 'no-unsupported-import', code: withHandlers("import '@aws-appsync/utils/ai';"), errorType: SYNTAX, line: 1, column: 8 },
  { rule: 'no-unsupported-import', code: withHandlers("export * from './helpers.js';"), errorType: SYNTAX, line: 1, column: 15 },
  { rule: 'no-unsupported-import', code: withHandlers("export { pick } from 'lodash';"), errorType: SYNTAX, line: 1, column: 22 },
  { rule: 'no-dynamic-import', code: withHandlers("const mod = import('@aws-appsync/utils');"), errorType: SYNTAX, line: 1, column: 13 },
  { rule: 'no-require', code: withHandlers("const fs = require('fs');"), errorType: SYNTAX, line: 1, column: 12 },
];

function errorFor(errors: CodeError[], rule: string): CodeError | undefined {
  return errors.find((e) => e.value?.includes(` error ${rule}: `));
}

describe('checkCode refuses what AppSync refuses', () => {
  it('covers every rule of the AppSync ESLint plugin RECOMMENDED config', () => {
    // The 22 rule names of @aws-appsync/eslint-plugin@2.0.2 configs.recommended, written out here.
    const recommended = [
      'no-async', 'no-await', 'no-classes', 'no-for', 'no-continue', 'no-generators', 'no-yield', 'no-labels', 'no-regex',
      'no-this', 'no-try', 'no-while', 'no-recursion', 'no-disallowed-unary-operators', 'no-disallowed-methods',
      'no-disallowed-binary-operators', 'no-function-passing', 'no-promise', 'no-function-reassign', 'no-function-return',
      'no-disallowed-re-assignment', 'no-in-operator',
    ].map((name) => `@aws-appsync/${name}`);
    expect(recommended).toHaveLength(22);
    expect(Object.keys(appsyncPlugin.configs?.recommended && 'rules' in appsyncPlugin.configs.recommended ? (appsyncPlugin.configs.recommended.rules ?? {}) : {}).sort()).toEqual([...recommended].sort());
    const tested = new Set(offences.map((o) => o.rule));
    expect(recommended.filter((rule) => !tested.has(rule))).toEqual([]);
  });

  it.each(offences)('$rule at $line:$column', ({ rule, code, errorType, line, column, total }) => {
    const errors = checkCode(code);
    const error = errorFor(errors, rule);
    expect(error).toBeDefined();
    expect(error?.errorType).toBe(errorType);
    expect(error?.value?.startsWith(`code.js(${line},${column}): error ${rule}: `)).toBe(true);
    expect(error?.location).toMatchObject({ line, column });
    expect(errors).toHaveLength(total ?? 1);
  });

  it('reports the plugin messages as AWS shows them', () => {
    const [regex] = checkCode(withHandlers('const re = /a+/;'));
    expect(regex).toEqual({
      errorType: 'LINT_ERROR',
      value: 'code.js(1,12): error @aws-appsync/no-regex: Regex literals are not supported.',
      location: { line: 1, column: 12, span: '/a+/'.length },
    });
    const [method] = checkCode(withHandlers("const padded = 'a'.padStart(3);"));
    expect(method.value).toBe('code.js(1,16): error @aws-appsync/no-disallowed-methods: Method String.padStart is not implemented');
    expect(method.location?.span).toBe("'a'.padStart(3)".length);
  });

  it('spans a node over several lines by its full text length', () => {
    const code = withHandlers('let x = 0;', 'while (x) {', '  x = 0;', '}');
    const [error] = checkCode(code);
    expect(error.location).toEqual({ line: 2, column: 1, span: 'while (x) {\n  x = 0;\n}'.length });
  });

  it('names the refused module and the modules that are available', () => {
    const [lodash] = checkCode(withHandlers("import { chunk } from 'lodash';"));
    expect(lodash.value).toContain('"lodash"');
    expect(lodash.location).toEqual({ line: 1, column: 23, span: "'lodash'".length });
    expect(lodash.value).toContain('only @aws-appsync/utils, @aws-appsync/utils/dynamodb, @aws-appsync/utils/rds are available');
  });

  it('reports every offence in one answer, in source order', () => {
    const code = withHandlers('const re = /x/;', 'const s = new Set();', 'let i = 0;', 'i--;');
    const errors = checkCode(code);
    expect(errors.map((e) => [e.errorType, e.location?.line, e.location?.column])).toEqual([
      ['LINT_ERROR', 1, 12],
      ['UNSUPPORTED_SYNTAX_TYPE', 2, 11],
      ['LINT_ERROR', 4, 1],
    ]);
  });

  it('counts lines and columns the same with CRLF line ends', () => {
    const [error] = checkCode(withHandlers('const a = 1;', 'const re = /a+/;').replace(/\n/g, '\r\n'));
    expect(error.location).toEqual({ line: 2, column: 12, span: 4 });
  });

  it('treats code without imports or exports as a module (no clash with built-in globals)', () => {
    // As a script, this `var Object` would merge with the global ObjectConstructor and be flagged.
    const errors = checkCode('var Object = { getOwnPropertyNames() { return []; } };\nconst k = Object.getOwnPropertyNames({});', { requireHandlers: false });
    expect(errors).toEqual([]);
  });

  it('does not honour eslint-disable comments', () => {
    const errors = checkCode(withHandlers('// eslint-disable-next-line', 'const re = /a+/;', '/* eslint-disable */', 'const self = this;'));
    expect(errors.map((e) => e.location?.line)).toEqual([2, 4]);
  });
});

describe('parse errors', () => {
  it.each([
    { name: 'unterminated string', code: withHandlers("const s = 'open;"), message: 'Unterminated string literal.', line: 1, column: 17 },
    { name: 'missing brace', code: 'function f() {\n  return 1;', message: "'}' expected.", line: 2, column: 12 },
    // TypeScript's parser accepts type annotations in code.js; the ECMAScript grammar does not.
    { name: 'TypeScript syntax', code: withHandlers('const n: number = 1;'), message: 'Unexpected token', line: 1, column: 8 },
    { name: 'duplicate let', code: withHandlers('let a = 1;', 'let a = 2;'), message: "Identifier 'a' has already been declared", line: 2, column: 5 },
  ])('$name -> PARSER_ERROR at $line:$column', ({ code, message, line, column }) => {
    expect(checkCode(code)).toEqual([{ errorType: 'PARSER_ERROR', value: `Parsing error: ${message}`, location: { line, column, span: -1 } }]);
  });
});

describe('handlers', () => {
  it.each([
    { name: 'no response', code: HANDLERS[0], missing: ['response'] },
    { name: 'no request', code: HANDLERS[1], missing: ['request'] },
    { name: 'neither', code: 'export const x = 1;', missing: ['request', 'response'] },
    { name: 'default export only', code: 'export default function request(ctx) { return {}; }', missing: ['request', 'response'] },
  ])('$name -> MISSING_HANDLER', ({ code, missing }) => {
    expect(checkCode(code)).toEqual(
      missing.map((name) => ({
        errorType: 'MISSING_HANDLER',
        value: `code.js(0,0): error require-handlers: The code must export a "${name}" function.`,
        location: { line: 0, column: 0, span: -1 },
      })),
    );
  });

  it.each([
    { name: 'a number', code: 'export const request = 42;\n' + HANDLERS[1], line: 1, column: 14 },
    { name: 'a re-export', code: "export { request } from '@aws-appsync/utils';\n" + HANDLERS[1], line: 1, column: 10 },
    { name: 'an exported object', code: 'const request = {};\nexport { request };\n' + HANDLERS[1], line: 2, column: 10 },
  ])('request bound to $name -> MISSING_HANDLER at $line:$column', ({ code, line, column }) => {
    const errors = checkCode(code);
    expect(errors).toHaveLength(1);
    expect(errors[0].errorType).toBe('MISSING_HANDLER');
    expect(errors[0].value).toContain(`code.js(${line},${column}): error require-handlers: The exported "request" must be a function`);
  });

  it.each([
    { name: 'function declarations', code: HANDLERS.join('\n') },
    { name: 'const arrows', code: 'export const request = (ctx) => ({});\nexport const response = (ctx) => ctx.result;' },
    { name: 'const function expressions', code: 'export const request = function (ctx) { return {}; };\nexport const response = function (ctx) { return ctx.result; };' },
    { name: 'an export list (as esbuild emits)', code: 'function request(ctx) { return {}; }\nconst response = (ctx) => ctx.result;\nexport {\n  request,\n  response\n};' },
    { name: 'renamed exports', code: 'function req(ctx) { return {}; }\nfunction res(ctx) { return ctx.result; }\nexport { req as request, res as response };' },
  ])('accepts handlers as $name', ({ code }) => {
    expect(checkCode(code)).toEqual([]);
  });

  it('checks only the handlers asked for', () => {
    expect(checkCode(HANDLERS[0], { requireHandlers: ['request'] })).toEqual([]);
    expect(checkCode(HANDLERS[0], { requireHandlers: false })).toEqual([]);
    expect(checkCode(HANDLERS[0], { requireHandlers: ['response'] }).map((e) => e.errorType)).toEqual(['MISSING_HANDLER']);
    expect(checkCode(HANDLERS[0], { requireHandlers: true }).map((e) => e.errorType)).toEqual(['MISSING_HANDLER']);
  });
});

describe('checkCode accepts APPSYNC_JS code', () => {
  it.each([
    { name: 'top-level const and helper functions', code: withHandlers('const PREFIX = "ROOM#";', 'function roomKey(id) { return { PK: PREFIX + id, SK: "META" }; }', 'const key = roomKey("1");') },
    { name: 'for-of and for-in', code: withHandlers('let sum = 0;', 'for (const n of [1, 2]) { sum += n; }', 'for (const k in { a: 1 }) { sum += k.length; }') },
    {
      name: 'array callbacks',
      code: withHandlers('const xs = [1, 2, 3];', 'const doubled = xs.map((x) => x * 2).filter((x) => x > 2);', 'const total = xs.reduce((acc, x) => acc + x, 0);', 'xs.forEach((x) => console.log(x));', 'const found = xs.find((x) => x === 2) ?? xs.some((x) => x > 2);'),
    },
    { name: 'the utils import', code: withHandlers("import { util } from '@aws-appsync/utils';", 'const id = util.autoUlid();') },
    { name: 'the dynamodb module as a namespace', code: withHandlers("import * as ddb from '@aws-appsync/utils/dynamodb';", "const req = ddb.get({ key: { PK: 'a', SK: 'b' } });") },
    { name: 'the rds module as a namespace', code: withHandlers("import * as rds from '@aws-appsync/utils/rds';", "const req = rds.createPgStatement(rds.select({ table: 'persons' }));") },
    {
      name: 'util, the dynamodb module and the rds module together, rds functions renamed',
      code: withHandlers(
        "import { util } from '@aws-appsync/utils';",
        "import * as ddb from '@aws-appsync/utils/dynamodb';",
        "import { sql, createMySQLStatement as mysql, typeHint } from '@aws-appsync/utils/rds';",
        'const req = [ddb.get({ key: { id: util.autoId() } }), mysql(sql`select ${typeHint.UUID(util.autoId())}`)];',
      ),
    },
    { name: 'spread', code: withHandlers('const a = { x: 1 };', 'const b = { ...a, y: 2 };', 'const c = [...[1], 2];', 'function sum(...ns) { return ns.length; }', 'const n = sum(...c);') },
    { name: 'template literals', code: withHandlers('const id = "1";', 'const key = `ROOM#${id}`;', 'const multi = `a\n${`nested ${key}`}`;') },
    { name: 'optional chaining and nullish', code: withHandlers('const o = {};', 'const v = o?.a?.["b"]?.c ?? "none";', 'const f = o.fn?.();') },
    { name: 'Object.hasOwn, keys, entries, nested ctx writes', code: ['export function request(ctx) {', '  ctx.stash.seen = Object.hasOwn(ctx.args, "id");', '  return { keys: Object.keys(ctx.args), pairs: Object.entries(ctx.args) };', '}', HANDLERS[1]].join('\n') },
    { name: 'a sort without comparator', code: withHandlers('const s = [3, 1].sort();') },
    { name: 'util.error in place of throw', code: ['export function request(ctx) {', "  if (!ctx.args.id) util.error('missing id', 'ValidationError');", '  return {};', '}', HANDLERS[1]].join('\n') },
  ])('$name', ({ code }) => {
    expect(checkCode(code)).toEqual([]);
  });

  it('accepts a resolver bundled by esbuild the way AWS documents', () => {
    const source = `
      import { util, type Context } from '@aws-appsync/utils';
      import * as ddb from '@aws-appsync/utils/dynamodb';

      const MAX_CONTENT = 2000;

      function roomKey(roomId: string): { PK: string; SK: string } {
        return { PK: \`ROOM#\${roomId}\`, SK: 'META' };
      }

      function validContent(content: string): boolean {
        const trimmed = content.trim();
        return trimmed.length > 0 && trimmed.length <= MAX_CONTENT;
      }

      export function request(ctx: Context<{ roomId: string; content: string }>) {
        if (!validContent(ctx.args.content)) {
          util.error('content must be 1..2000 characters', 'ValidationError');
        }
        const sender = (ctx.identity as { sub?: string } | undefined)?.sub ?? 'anonymous';
        return ddb.put({
          key: { ...roomKey(ctx.args.roomId), SK: \`MSG#\${util.autoUlid()}\` },
          item: { senderId: sender, content: ctx.args.content, createdAt: util.time.nowISO8601() },
          condition: { PK: { attributeExists: false } },
        });
      }

      export const response = (ctx: Context) => {
        if (ctx.error) util.error(ctx.error.message, ctx.error.type);
        const tags = ((ctx.result?.tags ?? []) as string[]).map((t) => t.toLowerCase()).filter((t) => t.length > 0);
        return { ...ctx.result, tags };
      };
    `;
    const result = buildSync({
      stdin: { contents: source, loader: 'ts', sourcefile: 'Mutation.sendMessage.ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'esnext',
      sourcemap: 'inline',
      sourcesContent: false,
      external: ['@aws-appsync/*'],
    });
    const code = result.outputFiles[0].text;
    expect(code).toContain('export {');
    expect(code.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
    expect(checkCode(code)).toEqual([]);
  });
});

describe('results and cache', () => {
  it('gives each caller its own copy of a cached answer', () => {
    const code = withHandlers('const re = /copy/;');
    const first = checkCode(code);
    first[0].value = 'changed';
    first.push({ errorType: 'X' });
    const second = checkCode(code);
    expect(second).toHaveLength(1);
    expect(second[0].value).toBe('code.js(1,12): error @aws-appsync/no-regex: Regex literals are not supported.');
  });

  it('returns the SDK CodeError shape', () => {
    const errors: SdkCodeError[] = checkCode(withHandlers('const re = /sdk/;'));
    expect(Object.keys(errors[0]).sort()).toEqual(['errorType', 'location', 'value']);
    expect(Object.keys(errors[0].location ?? {}).sort()).toEqual(['column', 'line', 'span']);
  });

  it('exports the code length limit', () => {
    expect(MAX_CODE_LENGTH).toBe(32768);
  });
});

// AWS's TypeScript check refuses a member the AppSync types do not have (observed: TS2339 for
// ddb.sync); the twin checks util, runtime, extensions and the three modules' objects.
describe('checkCode: members AppSync objects do not have (TS2339)', () => {
  it.each<[string, string, string, string]>([
    ['a misspelt util.time helper', "const t = util.time.nowISO();", 'nowISO', "Property 'nowISO' does not exist on type 'typeof util.time'."],
    ['util through the import', "import { util as u } from '@aws-appsync/utils';\nconst id = u.autoID();", 'autoID', "Property 'autoID' does not exist on type 'typeof util'."],
    ['typeHint.DATETIME (in one AWS example, not in the types)', "import { typeHint } from '@aws-appsync/utils/rds';\nconst h = typeHint.DATETIME('x');", 'DATETIME', "Property 'DATETIME' does not exist on type 'typeof import(\"@aws-appsync/utils/rds\").typeHint'."],
    ['a dynamodb module namespace member', "import * as ddb from '@aws-appsync/utils/dynamodb';\nconst r = ddb.getItem({ key: {} });", 'getItem', "Property 'getItem' does not exist on type 'typeof import(\"@aws-appsync/utils/dynamodb\")'."],
    ['a nested module object', "import * as ddb from '@aws-appsync/utils/dynamodb';\nconst r = ddb.operations.multiply(2);", 'multiply', "Property 'multiply' does not exist on type 'typeof import(\"@aws-appsync/utils/dynamodb\").operations'."],
    ['runtime', 'runtime.exit();', 'exit', "Property 'exit' does not exist on type 'typeof runtime'."],
  ])('%s', (_label, line, member, message) => {
    const code = withHandlers(...line.split('\n'));
    const errors = checkCode(code);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    const before = code.slice(0, code.indexOf(`.${member}`) + 1).split('\n');
    const at = { line: before.length, column: before[before.length - 1].length + 1 };
    expect(error).toEqual({
      errorType: 'TYPE_CHECK_ERROR',
      value: `code.js(${at.line},${at.column}): error TS2339: ${message}`,
      location: { line: at.line, column: at.column, span: member.length },
    });
  });

  it.each<[string, string]>([
    ['members that exist', "import * as rds from '@aws-appsync/utils/rds';\nconst r = [util.time.nowISO8601(), util.rds.toJsonObject('{}'), rds.typeHint.UUID('a'), rds.agg.count('id'), runtime.earlyReturn, extensions.setSubscriptionFilter];"],
    ['a local name that shadows util', 'function f(util) { return util.anything; }\nconst x = f({});'],
    ['computed access is not checked', "const k = 'x';\nconst v = util[k];"],
    ['a function\'s own members are not checked', 'const n = util.autoId.name;'],
  ])('accepts %s', (_label, line) => {
    expect(checkCode(withHandlers(...line.split('\n')))).toEqual([]);
  });
});
