// The realm's globals look like APPSYNC_JS's: what it lacks is absent, what it has behaves like AWS.
import { evaluate, requestModule, resultOf } from './evaluate-helper';

describe('globals', () => {
  it.each([
    'Date', 'Promise', 'Set', 'Map', 'WeakMap', 'WeakSet', 'Symbol', 'RegExp', 'Function', 'eval', 'Intl', 'Proxy', 'Reflect',
    'setTimeout', 'setInterval', 'require', 'process', 'Buffer', 'parseInt', 'parseFloat', 'encodeURIComponent', 'BigInt',
    'WebAssembly', 'SharedArrayBuffer', 'queueMicrotask', 'structuredClone', 'atob', 'btoa',
  ])('%s is not available', async (name) => {
    expect(await resultOf(requestModule(`return typeof globalThis.${name};`))).toBe('undefined');
  });

  it.each([
    ['util', 'object'], ['runtime', 'object'], ['extensions', 'object'], ['console', 'object'], ['JSON', 'object'],
    ['Math', 'object'], ['Object', 'function'], ['Array', 'function'], ['Number', 'function'], ['String', 'function'],
    ['Boolean', 'function'], ['NaN', 'number'], ['Infinity', 'number'], ['Error', 'function'],
  ])('%s is available as a %s', async (name, type) => {
    expect(await resultOf(requestModule(`return typeof ${name};`))).toBe(type);
  });

  it('offers the imported util, runtime and extensions as the same objects as the globals', async () => {
    expect(await resultOf(requestModule('return [util === globalThis.util, runtime === globalThis.runtime, extensions === globalThis.extensions];'))).toEqual([true, true, true]);
  });

  it('has no Object.fromEntries', async () => {
    expect(await resultOf(requestModule('return typeof Object.fromEntries;'))).toBe('undefined');
  });
});

describe('calling constructors as functions', () => {
  it.each([
    // V8 reports a call at its callee: the column of the name that is called.
    ['String', 'String(1)', 10],
    ['Number', "Number('1')", 10],
    ['Boolean', 'Boolean(1)', 10],
    ['Function', "(() => 1).constructor('return 1')", 20],
  ])('%s fails like AWS (INVALID_FUNCTION_INVOCATION)', async (name, call, column) => {
    const output = await evaluate(requestModule(`return ${call};`));
    expect(output.error?.message).toBe(`code.js:3:${column}: INVALID_FUNCTION_INVOCATION: Invalid function: ${name}`);
    expect(output.evaluationResult).toBeUndefined();
  });

  it('keeps the static helpers and the methods of primitives', async () => {
    expect(await resultOf(requestModule("return [Number.isNaN(1), Number.isFinite(2), 'ab'.toUpperCase(), (5).toFixed(1), true.toString()];"))).toEqual([false, true, 'AB', '5.0', 'true']);
  });
});

describe('JSON.parse', () => {
  it.each([
    ['invalid JSON', '{bad', ''],
    ['an empty string', '', ''],
    ['a truncated array', '[1, 2', ''],
    ['the word undefined', 'undefined', ''],
    ['an object', '{"a":1}', { a: 1 }],
    ['an array', '[1,"x",null]', [1, 'x', null]],
    ['a number', '12.5', 12.5],
  ])('given %s answers like AWS', async (_name, text, expected) => {
    expect(await resultOf(requestModule('return JSON.parse(ctx.args.text);'), { arguments: { text } })).toEqual(expected);
  });
});

describe('string patterns', () => {
  it.each([
    ['replace: the first match of a Java-style pattern', "'a.b.c'.replace('.', '-')", '-.b.c'],
    ['replaceAll: every match of a Java-style pattern', "'a.b'.replaceAll('.', '-')", '---'],
    ['replace with groups in the replacement', "'2024-01-02'.replace('(\\\\d+)-(\\\\d+)-(\\\\d+)', '$3/$2/$1')", '02/01/2024'],
    ['replaceAll of a plain word', "'hello world'.replaceAll('o', '0')", 'hell0 w0rld'],
    ['replace of an escaped dot', "'a.b'.replace('\\\\.', '')", 'ab'],
  ])('%s', async (_name, expression, expected) => {
    expect(await resultOf(requestModule(`return ${expression};`))).toBe(expected);
  });
});
