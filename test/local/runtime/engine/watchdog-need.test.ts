// When an evaluation runs under vm's watchdog: only code whose every regular-expression helper is
// util.matches with a pattern of bounded work (a literal, or a module constant named nowhere else)
// runs without it; everything else keeps it, and catastrophic patterns still time out.
import { isBoundedPattern, MAX_PATTERN_BACKTRACKING } from '../../../../local/runtime/bounded-pattern';
import { compileModule } from '../../../../local/runtime/compile';
import { bundleResolver } from '../../../../resolvers/bundle';
import { evaluate, requestModule } from './evaluate-helper';

const slowValue = `${'a'.repeat(40)}c`;

describe('isBoundedPattern', () => {
  it.each([
    ['[0-7][0-9A-HJKMNP-TV-Z]{25}', true],
    ['[A-Za-z0-9_-]{1,64}', true],
    ['abc', true],
    ['\\d{3}-\\d{4}', true],
    ['a.b?c{2}\\.', true],
    ['[^\\]x]{0,9}', true],
    ['[a-z]{1,100}[0-9]{1,100}', true],
    // More ways to backtrack than the cap: 101 x 101 x 2 > 10,000.
    ['[a-z]{0,100}[a-z]{0,100}x?', false],
    ['(a+)+b', false],
    ['a+', false],
    ['a*', false],
    ['a{2,}', false],
    ['a|b', false],
    ['(ab)', false],
    ['^a$', false],
    ['(a)\\1', false],
    ['\\bword', false],
    ['\\p{L}', false],
    ['[]a', false],
    ['[a-z', false],
    ['a{1001}', false],
    ['a{3,2}', false],
    ['a{', false],
    ['\\', false],
  ])('%s -> %s', (pattern, bounded) => {
    expect(isBoundedPattern(pattern)).toBe(bounded);
  });

  it('caps the product of the ranges at MAX_PATTERN_BACKTRACKING (10,000)', () => {
    expect(MAX_PATTERN_BACKTRACKING).toBe(10_000);
    expect(isBoundedPattern('a{1,100}b{1,100}')).toBe(true);
    expect(isBoundedPattern('a{1,100}b{1,100}c?')).toBe(false);
  });
});

describe('needsWatchdog of compiled code', () => {
  const needs = (code: string): boolean => {
    const compiled = compileModule(code);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.codeErrors));
    return compiled.module.needsWatchdog;
  };

  it.each([
    ['no regular-expression helper', false, requestModule('return 1;')],
    ['util.matches with a bounded literal', false, requestModule("return util.matches('[a-z]{1,8}', ctx.args.v);")],
    ['util.matches with a bounded top-level constant', false, requestModule('return util.matches(P, ctx.args.v);', "var P = '[a-z]{1,8}';\n")],
    ['util.matches with an unbounded literal', true, requestModule("return util.matches('(a+)+b', ctx.args.v);")],
    ['util.matches with an unbounded constant', true, requestModule('return util.matches(P, ctx.args.v);', "const P = '(a+)+b';\n")],
    ['util.matches with a pattern from the arguments', true, requestModule('return util.matches(ctx.args.p, ctx.args.v);')],
    ['a constant assigned elsewhere', true, requestModule("P = '(a+)+b'; return util.matches(P, ctx.args.v);", "var P = '[a-z]{1,8}';\n")],
    ['a constant shadowed by a parameter', true, requestModule('return check(ctx.args.p, ctx.args.v);', "var P = '[a-z]{1,8}';\nfunction check(P, v) { return util.matches(P, v); }\n")],
    ['a constant declared twice', true, requestModule('return util.matches(P, ctx.args.v);', "var P = '[a-z]{1,8}';\nvar P = '(a+)+b';\n")],
    ['util.matches taken as a value', true, requestModule("const m = util.matches; return m('[a-z]', ctx.args.v);")],
    ['util.matches by a computed name', true, requestModule("return util['matches']('[a-z]', ctx.args.v);")],
    ['a spread pattern', true, requestModule("const a = ['[a-z]', ctx.args.v]; return util.matches(...a);")],
    ['a bounded util.matches beside String.prototype.replace', true, requestModule("return [util.matches('[a-z]', ctx.args.v), ctx.args.v.replace('a', 'b')];")],
    ['util.time.parseFormattedToEpochMilliSeconds', true, requestModule("return util.time.parseFormattedToEpochMilliSeconds(ctx.args.v, 'yyyy');")],
  ])('%s -> watchdog %s', (_name, expected, code) => {
    expect(needs(code)).toBe(expected);
  });

  it('lets the wired sendMessage resolver (ULID and clientMessageId checks) run without the watchdog', () => {
    expect(needs(bundleResolver('Mutation', 'sendMessage'))).toBe(false);
  });
});

describe('catastrophic patterns that look like constants still time out', () => {
  it.each([
    ['reassigned inside the handler', requestModule(`P = '(a+)+b'; return util.matches(P, '${slowValue}');`, "var P = '[a-z]{1,8}';\n")],
    ['shadowed by a parameter', requestModule(`return check('(a+)+b', '${slowValue}');`, "var P = '[a-z]{1,8}';\nfunction check(P, v) { return util.matches(P, v); }\n")],
  ])('%s', async (_name, code) => {
    const output = await evaluate(code, {}, 'request', { timeoutMs: 150 });
    expect(output.error?.message).toBe('code.js: Error: Execution timed out after 150 ms');
    expect(output.evaluationResult).toBeUndefined();
  });

  it('a bounded constant pattern answers util.matches as before', async () => {
    const code = requestModule("return [util.matches(P, 'abc'), util.matches(P, 'abc1'), util.matches(P, '')];", "var P = '[a-z]{1,8}';\n");
    const output = await evaluate(code, {}, 'request', { timeoutMs: 150 });
    expect(output.evaluationResult).toBe('[true,false,false]');
  });
});
