// The per-handler quotas: wall-clock time and loop iterations.
import { engineStats } from '../../../../local/runtime/engine';
import { evaluate, positionOf, requestModule, resultOf } from './evaluate-helper';

/** The loop quota the README documents (the twin's own); written out so a changed constant fails here. */
const MAX_LOOP_ITERATIONS = 100_000;

function numbers(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

describe('time limit', () => {
  // A billion callback calls: no loop statement, so only the clock can stop it.
  const runaway = requestModule(
    'const a = []; a.length = 1000; const row = a.fill(0); let n = 0; row.forEach(() => { row.forEach(() => { row.forEach(() => { n = n + 1; }); }); }); return n;',
  );
  // Catastrophic backtracking inside one built-in call: only vm's watchdog can stop it.
  const backtracking = requestModule("return util.matches('(a+)+b', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac');");
  // String.prototype.match (allowed by the AppSync lint rules) turns its string into a RegExp.
  const backtrackingMatch = requestModule("return 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac'.match('(a+)+b');");
  // util.time parses with a RegExp built from the format: adjacent one-letter numeric fields backtrack.
  const backtrackingFormat = requestModule(
    "return util.time.parseFormattedToEpochMilliSeconds('1111111111111111111111111111111111x', 'dHmsdHmsdHmsdHmsdHms');",
  );

  it.each([
    ['runaway callbacks (the instrumented clock)', runaway, 0],
    ['a regular expression that backtracks for ever (the watchdog; its realm is replaced)', backtracking, 1],
    ['a string pattern given to match that backtracks for ever (the watchdog; its realm is replaced)', backtrackingMatch, 1],
    ['a time format whose parse backtracks for ever (the watchdog; its realm is replaced)', backtrackingFormat, 1],
  ])('stops %s with a clear error and leaves a working runtime', async (_name, code, newRealms) => {
    await resultOf(requestModule('return 0;'));
    const before = engineStats().realmsCreated;
    const output = await evaluate(code, {}, 'request', { timeoutMs: 150 });
    expect(output.error?.message).toBe('code.js: Error: Execution timed out after 150 ms');
    expect(output.evaluationResult).toBeUndefined();
    expect(await resultOf(requestModule('return [1, 2].map((x) => x + 1);'))).toEqual([2, 3]);
    expect(engineStats().realmsCreated).toBe(before + newRealms);
  });

  it('lets a handler that finishes in time return normally under the same limit', async () => {
    const code = requestModule("const row = [1, 2, 3]; return [row.map((x) => x * 2), util.matches('a+b', 'aab')];");
    const output = await evaluate(code, {}, 'request', { timeoutMs: 150 });
    expect(output.error).toBeUndefined();
    expect(output.evaluationResult).toBe('[[2,4,6],true]');
  });
});

describe('loop quota', () => {
  // The arrays are made in the handler: a context of 100,000 items would pass EvaluateCode's 28,000-character limit.
  const forOf = requestModule('let n = 0;\n  for (const x of Array(ctx.args.n).fill(1)) { n = n + x; }\n  return n;');
  const nested = requestModule('let n = 0;\n  for (const a of ctx.args.items) { for (const b of ctx.args.items) n = n + 1; }\n  return n;');
  const forIn = requestModule(
    "const map = JSON.parse('{' + Array(ctx.args.n).fill(0).map((_, i) => '\"k' + i + '\":' + i).join(',') + '}');\n  let n = 0;\n  for (const key in map) { n = n + 1; }\n  return n;",
  );

  it(`allows ${MAX_LOOP_ITERATIONS} iterations in one handler`, async () => {
    expect(await resultOf(forOf, { arguments: { n: MAX_LOOP_ITERATIONS } })).toBe(MAX_LOOP_ITERATIONS);
  });

  const overQuota = `RangeError: Loop iteration limit of ${MAX_LOOP_ITERATIONS} exceeded`;
  it.each([
    ['a for-of over 100,001 items', forOf, { n: MAX_LOOP_ITERATIONS + 1 }, 'for (const x'],
    ['nested for-of loops, 400 x 400 iterations', nested, { items: numbers(400) }, 'for (const b'],
    ['a for-in over 100,001 keys', forIn, { n: MAX_LOOP_ITERATIONS + 1 }, 'for (const key'],
  ])('stops %s at the loop that went over', async (_name, code, args, loop) => {
    const output = await evaluate(code, { arguments: args });
    expect(output.error?.message).toBe(`code.js:${positionOf(code, loop)}: ${overQuota}`);
    expect(output.evaluationResult).toBeUndefined();
  });

  it('counts afresh in every evaluation', async () => {
    expect(await resultOf(forOf, { arguments: { n: 60_000 } })).toBe(60_000);
    expect(await resultOf(forOf, { arguments: { n: 60_000 } })).toBe(60_000);
  });
});

describe("the runtime's own names", () => {
  it.each([
    ['assigns the loop counter', 'let n = 0;\n  __appsyncLoopTick$ = function () {};\n  for (const x of ctx.args.items) { n = n + x; }\n  return n;', '', '__appsyncLoopTick$'],
    ['declares the clock check as a var', 'var __appsyncCallTick$ = function () {};\n  return 1;', '', '__appsyncCallTick$'],
    ['declares a function named like the loop counter', 'return 1;', 'function __appsyncLoopTick$() {}\n', '__appsyncLoopTick$'],
  ])('refuses code that %s, which would switch the quotas off', async (_name, body, topLevel, name) => {
    const code = requestModule(body, topLevel);
    const output = await evaluate(code, { arguments: { items: numbers(10) } });
    const [line, column] = positionOf(code, name).split(':');
    expect(output.evaluationResult).toBeUndefined();
    expect(output.error?.codeErrors).toEqual([
      {
        errorType: 'UNSUPPORTED_SYNTAX_TYPE',
        value: `code.js(${line},${column}): error The name ${name} is reserved by the local runtime.`,
        location: { line: Number(line), column: Number(column), span: name.length },
      },
    ]);
  });
});
