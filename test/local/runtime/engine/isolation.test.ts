// Nothing one evaluation does may be seen by the next, whichever code string runs next.
import { engineStats } from '../../../../local/runtime/engine';
import { evaluate, requestModule, resultOf } from './evaluate-helper';

describe('isolation between evaluations', () => {
  it.each([
    ['sets a global', 'globalThis.leak = 1; return typeof globalThis.leak;', 'number', 'return typeof globalThis.leak;', 'undefined'],
    ['adds to Array.prototype', 'Array.prototype.leak = 1; return [].leak;', 1, 'return typeof [].leak;', 'undefined'],
    ['replaces Array.prototype.map', 'Array.prototype.map = function () { return 7; }; return [1].map((x) => x);', 7, 'return [1, 2].map((x) => x * 2);', [2, 4]],
    ['pollutes Object.prototype through ctx', "ctx.args['__proto__'].leak = 'yes'; return {}.leak;", 'yes', 'return typeof {}.leak;', 'undefined'],
    ['cuts Array.prototype off Object.prototype', "Array.prototype['__proto__'] = null; return typeof [].hasOwnProperty;", 'undefined', 'return typeof [].hasOwnProperty;', 'function'],
    ['replaces a global', "globalThis.Math = { max: function () { return -1; } }; return Math.max(1, 2);", -1, 'return Math.max(1, 2);', 2],
    ['deletes Math.max', 'delete Math.max; return typeof Math.max;', 'undefined', 'return Math.max(1, 2);', 2],
    ['replaces JSON.stringify', "JSON.stringify = function () { return 'x'; }; return JSON.stringify({ a: 1 });", 'x', 'return JSON.stringify({ a: 1 });', '{"a":1}'],
    ['replaces util.error', "util.error = function () { return 'ignored'; }; return util.error('boom');", 'ignored', "util.error('boom'); return 'not stopped';", { error: 'boom' }],
    ['replaces a util namespace helper', "util.time.nowISO8601 = function () { return 'fake'; }; return util.time.nowISO8601();", 'fake', "return util.time.nowISO8601() === 'fake';", false],
    ['replaces console.log', 'console.log = function () {}; return typeof console.log;', 'function', "console.log('seen'); return 1;", { logs: 1 }],
    ['adds to the generator function prototype', "const g = function* () {}; g['__proto__'].leak = 1; return g['__proto__'].leak;", 1, "const g = function* () {}; return typeof g['__proto__'].leak;", 'undefined'],
    ['adds to the generator prototype', "const g = function* () {}; g.prototype['__proto__'].leak = 1; return g.prototype['__proto__'].leak;", 1, "const g = function* () {}; return typeof g.prototype['__proto__'].leak;", 'undefined'],
    ['adds to BigInt.prototype through a literal (the BigInt global is gone)', "(1n)['__proto__'].leak = 1; return (2n)['__proto__'].leak;", 1, "return typeof (1n)['__proto__'].leak;", 'undefined'],
    ['adds to the matchAll iterator prototype', "const found = 'a'['match' + 'All']('a'); found['__proto__'].leak = 1; return found['__proto__'].leak;", 1, "return typeof 'a'['match' + 'All']('a')['__proto__'].leak;", 'undefined'],
    ['replaces runtime.earlyReturn', "runtime.earlyReturn = function () { return 'no'; }; return runtime.earlyReturn(5);", 'no', "runtime.earlyReturn('early'); return 'late';", 'early'],
  ])('a handler that %s does not affect the next evaluation', async (_name, mutation, mutatedValue, probe, expected) => {
    // The mutation really happens inside its own evaluation...
    expect(await resultOf(requestModule(mutation))).toEqual(mutatedValue);
    const realmsBefore = engineStats().realmsCreated;
    // ...and the next evaluation (a different code string) sees a pristine realm.
    const output = await evaluate(requestModule(probe));
    if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
      if ('error' in expected) expect(output.error?.message).toBe(expected.error);
      if ('logs' in expected) expect(output.logs).toHaveLength(expected.logs);
    } else {
      expect(output.error).toBeUndefined();
      expect(JSON.parse(output.evaluationResult ?? '')).toEqual(expected);
    }
    // The dirty realm was replaced exactly once, before the probe.
    expect(engineStats().realmsCreated).toBe(realmsBefore + 1);
  });

  it('runs the module body afresh, so module-level state starts over every evaluation', async () => {
    const code = requestModule('counter.calls = counter.calls + 1; return counter.calls;', 'const counter = { calls: 0 };\n');
    expect(await resultOf(code)).toBe(1);
    expect(await resultOf(code)).toBe(1);
  });

  it('reuses the realm while handlers leave it as it was', async () => {
    await resultOf(requestModule('return 1;'));
    const before = engineStats();
    for (let i = 0; i < 5; i++) {
      expect(await resultOf(requestModule('ctx.stash.n = 1; const local = [1, 2]; local.push(3); return local;'))).toEqual([1, 2, 3]);
    }
    const after = engineStats();
    expect(after.evaluations - before.evaluations).toBe(5);
    expect(after.realmsCreated).toBe(before.realmsCreated);
  });

  it('gives every evaluation its own ctx objects', async () => {
    const code = requestModule('ctx.stash.count = (ctx.stash.count ?? 0) + 1; ctx.args.seen = true; return ctx.stash.count;');
    expect(await resultOf(code, { arguments: {} })).toBe(1);
    const second = await evaluate(code, { arguments: {} });
    expect(second.evaluationResult).toBe('1');
    expect(second.stash).toBe('{"count":1}');
  });
});
