// The memory bound: one huge built-in call, or many allocations each under the per-call bounds,
// end the evaluation with an error; the process and the next evaluation carry on.
import { evaluate, positionOf, requestModule, resultOf } from './evaluate-helper';

/** The bounds the notes document (limits.ts), written out so a changed constant fails here. */
const MAX_ARRAY_LENGTH = 1_000_000;
const MAX_STRING_LENGTH = 5 * 1024 * 1024;

describe('memory bound', () => {
  it.each<[string, string, string, string]>([
    ['Array(1e9).fill(0)', 'return Array(1e9).fill(0).length;', 'Array(1e9)',
      `RangeError: An array of 1000000000 elements is over the runtime's limit of ${MAX_ARRAY_LENGTH} elements`],
    ['fill on an array made long through its length', 'const a = []; a.length = 1e9; return a.fill(0).length;', 'fill(0)',
      `RangeError: Array.prototype.fill on an array of 1000000000 elements is over the runtime's limit of ${MAX_ARRAY_LENGTH} elements`],
    ['join of a long sparse array', "const a = []; a[2e9] = 1; return a.join('x').length;", "join('x')",
      `RangeError: Array.prototype.join on an array of 2000000001 elements is over the runtime's limit of ${MAX_ARRAY_LENGTH} elements`],
    ['concat into a long array', 'const a = []; a.length = 600000; return a.concat(a).length;', 'concat(a)',
      `RangeError: Array.prototype.concat on an array of 1200000 elements is over the runtime's limit of ${MAX_ARRAY_LENGTH} elements`],
    // repeat, padStart and padEnd are on the AppSync lint deny list; a computed name slips past it.
    ["'x'.repeat(1e9)", "const name = 'repeat'; return 'x'[name](1e9).length;", '(1e9)',
      `RangeError: String.prototype.repeat result of 1000000000 characters is over the runtime's limit of ${MAX_STRING_LENGTH} characters`],
    ['padStart to a billion', "const name = 'padStart'; return 'x'[name](1e9, 'y').length;", '(1e9',
      `RangeError: String.prototype.padStart result of 1000000000 characters is over the runtime's limit of ${MAX_STRING_LENGTH} characters`],
    ['padEnd to a billion', "const name = 'padEnd'; return 'x'[name](1e9).length;", '(1e9)',
      `RangeError: String.prototype.padEnd result of 1000000000 characters is over the runtime's limit of ${MAX_STRING_LENGTH} characters`],
  ])('%s ends the evaluation with an error, not the process', async (_label, body, call, message) => {
    const code = requestModule(body);
    const output = await evaluate(code);
    expect(output.error?.message).toBe(`code.js:${positionOf(code, call)}: ${message}`);
    expect(output.evaluationResult).toBeUndefined();
    expect(await resultOf(requestModule('return [1, 2].map((x) => x + 1);'))).toEqual([2, 3]);
  });

  it('many allocations each under the per-call bounds stop at the heap bound', async () => {
    // 1,000 arrays of a million numbers (8 GB) built one callback at a time.
    const code = requestModule('const rows = Array(1000).fill(0).map(() => Array(1000000).fill(1.5));\n  return rows.length;');
    const output = await evaluate(code, {}, 'request', { timeoutMs: 60_000 });
    expect(output.error?.message).toMatch(/^code\.js:\d+:\d+: RangeError: Memory limit exceeded: the evaluation grew the heap by more than 512 MB$/);
    expect(await resultOf(requestModule('return 1 + 1;'))).toBe(2);
  }, 120_000);

  it('allocations at the bounds still work', async () => {
    const code = requestModule(`const r = 'repeat'; const p = 'padEnd'; return [Array(${MAX_ARRAY_LENGTH}).fill(0).length, 'ab'[r](${MAX_STRING_LENGTH / 2}).length, 'x'[p](${MAX_STRING_LENGTH}).length, [1].concat([2], 3)];`);
    expect(await resultOf(code)).toEqual([MAX_ARRAY_LENGTH, MAX_STRING_LENGTH, MAX_STRING_LENGTH, [1, 2, 3]]);
  });

  it('the guarded Array keeps its static helpers and literals keep their prototype', async () => {
    const code = requestModule('const a = Array(3); return [Array.isArray(a), a.length, Array.isArray([1]), [1, 2].fill(7), [1, 2].join("-")];');
    expect(await resultOf(code)).toEqual([true, 3, true, [7, 7], '1-2']);
  });
});
