import { byPosition, parseError, ruleError, type CodeError } from './static/code-error';
import { ERROR_TYPE, PARSE_ERROR_PREFIX, THROW_RULE } from './static/aws-choices';
import { cachedLint } from './static/cached-lint';
import { THROW_RULE_ID, type LintFinding } from './static/lint-finding';
import { LruMap } from './static/lru-map';
import { checkHandlers, checkModule, type HandlerName } from './static/module-rules';
import { parseModule } from './static/parse-module';

/**
 * The static gate of the local APPSYNC_JS runtime: the checks AppSync applies to resolver code
 * before it runs (on save and in EvaluateCode). An empty result means the code is accepted.
 *
 * 1. Parse (the TypeScript parser ESLint uses, then acorn for strict ECMAScript) -> PARSER_ERROR.
 * 2. The @aws-appsync/eslint-plugin recommended rules, plus `throw` -> LINT_ERROR.
 * 3. `new`, imports other than @aws-appsync/utils(/dynamodb, /rds), require(), import() -> UNSUPPORTED_SYNTAX_TYPE.
 * 4. A member util, runtime, extensions or a module object does not have -> TS2339, TYPE_CHECK_ERROR
 *    (the one part of AppSync's TypeScript check the twin repeats).
 * 5. The `request` and `response` handlers must be exported functions.
 */

export type { CodeError } from './static/code-error';
export type { HandlerName } from './static/module-rules';
export { MAX_CODE_LENGTH, ERROR_TYPE } from './static/aws-choices';

export interface CheckOptions {
  /**
   * Which handlers must be exported: true (the default) for both, as when AppSync saves a
   * resolver; false for none; or a list, e.g. only the one EvaluateCode's `function` names.
   */
  requireHandlers?: boolean | readonly HandlerName[];
}

const BOTH_HANDLERS: readonly HandlerName[] = ['request', 'response'];

/** What a code string gets, computed once: the errors every check reports, and those of each missing handler. */
interface CheckedCode {
  common: readonly CodeError[];
  handlers: Readonly<Record<HandlerName, readonly CodeError[]>>;
}

/**
 * Resolvers are few and checks of the same code repeat (every EvaluateCode call, a request and
 * then a response check per code string); keyed by the code alone so it is linted once. 256 x 32 KB at most.
 * Under it, the lint findings are cached on disk by content (static/cached-lint.ts).
 */
const CACHE_CAPACITY = 256;
const cache = new LruMap<string, CheckedCode>(CACHE_CAPACITY);

function requiredHandlers(option: CheckOptions['requireHandlers']): readonly HandlerName[] {
  if (option === undefined || option === true) return BOTH_HANDLERS;
  if (option === false) return [];
  return BOTH_HANDLERS.filter((name) => option.includes(name));
}

function lintError(finding: LintFinding): CodeError {
  const isThrow = finding.ruleId === THROW_RULE_ID;
  const rule = isThrow ? THROW_RULE.name : (finding.ruleId ?? 'eslint');
  return ruleError(ERROR_TYPE.lint, rule, finding.message, finding);
}

function runChecks(code: string): CheckedCode {
  const unparsed = (error: CodeError): CheckedCode => ({ common: [error], handlers: { request: [], response: [] } });
  const findings = cachedLint(code);
  const fatal = findings.find((f) => f.fatal);
  if (fatal) {
    // ESLint already says "Parsing error: ..."; keep one prefix.
    const message = fatal.message.startsWith(PARSE_ERROR_PREFIX) ? fatal.message.slice(PARSE_ERROR_PREFIX.length) : fatal.message;
    return unparsed(parseError(ERROR_TYPE.parser, message, fatal));
  }
  const parsed = parseModule(code);
  if (!parsed.ok) return unparsed(parseError(ERROR_TYPE.parser, parsed.message, parsed.at));
  return {
    common: [...findings.map(lintError), ...checkModule(parsed.program, [])],
    handlers: { request: checkHandlers(parsed.program, ['request']), response: checkHandlers(parsed.program, ['response']) },
  };
}

/** Checks resolver code as AppSync would before running it; returns its code errors (none = accepted). */
export function checkCode(code: string, options: CheckOptions = {}): CodeError[] {
  let checked = cache.get(code);
  if (!checked) {
    checked = runChecks(code);
    cache.set(code, checked);
  }
  const errors = [...checked.common];
  for (const name of requiredHandlers(options.requireHandlers)) errors.push(...checked.handlers[name]);
  // Callers get their own copies; the cached lists stay as computed.
  return (structuredClone(errors) as CodeError[]).sort(byPosition);
}

/**
 * Loads the linter and parses TypeScript's standard library (about a second, once per process),
 * so the first real check of new code is as fast as later ones; with a warm lint cache it loads
 * nothing (the cached warm-up code hits). Servers that expect new code may call it at start-up.
 */
export function warmUpStaticCheck(): void {
  checkCode('export function request(ctx) { return {}; }\nexport function response(ctx) { return ctx.result; }');
}
