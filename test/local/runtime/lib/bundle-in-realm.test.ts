// The library must run inside a bare vm context: bundled with esbuild, no Node modules, and not
// relying on globals the sandbox hides from resolver code (Date, Set, Map, RegExp, parseInt, ...).
// Most are deleted before the library even loads; Intl and the reflection globals are deleted
// after it loads, which is the order the engine uses (realm-entry.ts).
import { buildSync } from 'esbuild';
import vm from 'node:vm';
import path from 'node:path';
import { createTestBridge, emptyRecord } from './test-bridge';

const HIDDEN_GLOBALS = [
  'Date', 'Set', 'Map', 'WeakMap', 'RegExp', 'Promise', 'Symbol', 'parseInt', 'parseFloat',
  'encodeURIComponent', 'decodeURIComponent', 'escape', 'unescape', 'TextEncoder', 'TextDecoder', 'setTimeout',
];

const REMOVED_AFTER_LOAD = [
  'Intl', 'Function', 'eval', 'Proxy', 'Reflect', 'BigInt', 'ArrayBuffer', 'DataView', 'Uint8Array', 'WeakSet', 'WeakRef',
  'structuredClone', 'queueMicrotask', 'atob', 'btoa',
];

const bundle = buildSync({
  entryPoints: [path.join(__dirname, '../../../../local/runtime/sandbox/lib/index.ts')],
  bundle: true,
  format: 'iife',
  globalName: 'AppSyncLib',
  platform: 'neutral',
  target: 'es2022',
  write: false,
}).outputFiles[0].text;

function realmWithLibrary() {
  const context = vm.createContext({});
  vm.runInContext(`for (const name of ${JSON.stringify(HIDDEN_GLOBALS)}) delete globalThis[name];`, context);
  vm.runInContext(bundle, context);
  const record = emptyRecord();
  const bridge = createTestBridge(1_517_943_695_750);
  context.bridge = bridge;
  context.record = record;
  vm.runInContext(`globalThis.lib = AppSyncLib.createAppSyncModules(bridge, () => record, () => 'User Pool Authorization');`, context);
  vm.runInContext(`for (const name of ${JSON.stringify(REMOVED_AFTER_LOAD)}) delete globalThis[name]; delete Object.fromEntries;`, context);
  const run = (code: string): unknown => JSON.parse(vm.runInContext(`JSON.stringify((() => { ${code} })())`, context) as string);
  return { context, record, run };
}

describe('the bundled library in a bare vm context', () => {
  it('bundles without Node modules or host globals', () => {
    expect(bundle).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b/);
    expect(bundle.length).toBeLessThan(200_000);
  });

  it('the hidden globals really are gone in the test realm', () => {
    const { run } = realmWithLibrary();
    expect(run(`return [typeof Date, typeof Set, typeof RegExp, typeof parseInt, typeof encodeURIComponent, typeof Intl, typeof Reflect];`)).toEqual(
      ['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined'],
    );
  });

  it.each<[string, string, unknown]>([
    ['util.time.nowFormatted in a zone', `return lib.util.time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth');`, '2018-02-07 03:01:35+0800'],
    ['util.time zone names', `return lib.util.time.epochMilliSecondsToFormatted(0, 'z VV', 'America/Los_Angeles');`, 'PST America/Los_Angeles'],
    ['util.time.parseFormattedToEpochMilliSeconds', `return lib.util.time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', 'Australia/Perth');`, 1_517_505_562_000],
    ['util.time.parseISO8601ToEpochMilliSeconds', `return lib.util.time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.000+0000');`, 1_517_505_665_000],
    ['util.autoUlid', `return lib.util.autoUlid().length;`, 26],
    ['util.autoKsuid', `return lib.util.autoKsuid().length;`, 27],
    ['util.urlEncode / urlDecode', `return [lib.util.urlEncode('a b/é'), lib.util.urlDecode('a+b%2F%C3%A9')];`, ['a+b%2F%C3%A9', 'a b/é']],
    ['util.matches', `return [lib.util.matches('a*b', 'aaab'), lib.util.matches('a*b', 'aaabc')];`, [true, false]],
    ['util.math.randomWithinRange', `const v = lib.util.math.randomWithinRange(1, 3); return v >= 1 && v <= 3;`, true],
    ['util.dynamodb.toDynamoDB', `return lib.util.dynamodb.toDynamoDB({a: [1, 'x', null]});`, { M: { a: { L: [{ N: 1 }, { S: 'x' }, { NULL: null }] } } }],
    ['util.transform.toDynamoDBConditionExpression', `return lib.util.transform.toDynamoDBConditionExpression({id: {attributeExists: true}, version: {eq: 10}});`,
      '{"expression":"(attribute_exists(#id)) AND (#version = :version_eq)","expressionNames":{"#id":"id","#version":"version"},"expressionValues":{":version_eq":{"N":10}}}'],
    ['dynamodb.update', `return lib.dynamodb.update({key: {id: 'a'}, update: {n: lib.dynamodb.operations.increment(2)}});`,
      { operation: 'UpdateItem', key: { id: { S: 'a' } }, update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1', expressionNames: { '#expName_1': 'n' }, expressionValues: { ':expValue_1': { N: 2 } } } }],
    ['dynamodb.query', `return lib.dynamodb.query({query: {PK: {eq: 'R'}, SK: {beginsWith: 'MSG#'}}, limit: 5}).query.expression;`, '#PK = :PK_eq AND begins_with(#SK,:SK_beginsWith)'],
    ['util.error throws a Signal', `try { lib.util.error('nope', 'NotFound'); } catch (e) { return e; }`, { __appsync: 'error', message: 'nope', errorType: 'NotFound', data: null, errorInfo: null }],
  ])('%s works', (_label, code, expected) => {
    expect(realmWithLibrary().run(code)).toEqual(expected);
  });

  it('extensions write into the host record', () => {
    const { run, record } = realmWithLibrary();
    run(`lib.extensions.setSubscriptionFilter(lib.util.transform.toSubscriptionFilter({roomId: {eq: 'r1'}})); lib.util.appendError('warn'); return null;`);
    expect(JSON.parse(JSON.stringify(record.subscriptionFilter))).toEqual({ filterGroup: [{ filters: [{ fieldName: 'roomId', operator: 'eq', value: 'r1' }] }] });
    expect(JSON.parse(JSON.stringify(record.outErrors))).toEqual([{ message: 'warn', errorType: null, data: null, errorInfo: null }]);
  });
});
