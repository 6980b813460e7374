/**
 * How the twin reports static code errors. Where AWS's behaviour is documented or observed the
 * value follows it; where it is not, the twin's choice is kept here, in one place, so it can be
 * corrected when someone checks it against the real EvaluateCode.
 */

/** EvaluateCode `code` is 1..32,768 characters (API reference; checked by the EvaluateCode input validation). */
export const MAX_CODE_LENGTH = 32768;

/** File name AWS shows in its messages: `code.js(5,44): error @aws-appsync/no-regex: ...` (observed). */
export const CODE_FILE_NAME = 'code.js';

/** errorType values. LINT_ERROR and PARSER_ERROR are documented; UNSUPPORTED_SYNTAX_TYPE was observed for `new`. */
export const ERROR_TYPE = {
  parser: 'PARSER_ERROR',
  lint: 'LINT_ERROR',
  unsupportedSyntax: 'UNSUPPORTED_SYNTAX_TYPE',
  /** UNVERIFIED: the errorType of AWS's TypeScript check findings (observed only as `code.js(l,c): error TS2339: ...`). */
  typeCheck: 'TYPE_CHECK_ERROR',
  /** UNVERIFIED: the errorType AWS uses when `request` or `response` is not exported. */
  missingHandler: 'MISSING_HANDLER',
} as const;

/**
 * Parse errors: the SDK documents `value` as `Parsing error: Unterminated string literal` (the
 * ESLint + TypeScript parser wording), without a `code.js(l,c)` prefix; the position is in `location`.
 */
export const PARSE_ERROR_PREFIX = 'Parsing error: ';

/**
 * UNVERIFIED: both `value` and `location` use 1-based lines and 1-based columns (the
 * `code.js(line,col)` form is TypeScript's, which is 1-based). `span` is the length in
 * characters of the offending node's text.
 */
export const COLUMN_BASE = 1;

/** Location for errors that have no position (the SDK's documented defaults). */
export const NO_POSITION = { line: 0, column: 0, span: -1 } as const;

/**
 * UNVERIFIED: how a `throw` statement is reported. The AppSync ESLint plugin does not flag it, yet
 * APPSYNC_JS rejects it. The twin runs ESLint's `no-restricted-syntax` on ThrowStatement and shows
 * it as a LINT_ERROR under this rule name.
 */
export const THROW_RULE = {
  name: 'no-throw',
  message: 'Throw statements are not supported. Use util.error() instead.',
} as const;

/** Rule names shown in `value` for the twin's own (non-ESLint) checks. UNVERIFIED wording. */
export const SYNTAX_RULE = {
  newExpression: 'no-new',
  unsupportedImport: 'no-unsupported-import',
  dynamicImport: 'no-dynamic-import',
  require: 'no-require',
  missingHandler: 'require-handlers',
} as const;

/**
 * The TypeScript diagnostics the twin reproduces (static/appsync-members.ts). The code is
 * TypeScript's; the type named in the message is the twin's wording (AWS names its bundled
 * declaration files, e.g. `typeof import(".../@aws-appsync/utils/lib/dynamo-db-helpers")`).
 */
export const TYPE_CHECK_RULE = { unknownMember: 'TS2339' } as const;

/** Modules resolver code may import (the runtime provides them; they are never bundled). */
export const ALLOWED_MODULES: readonly string[] = ['@aws-appsync/utils', '@aws-appsync/utils/dynamodb', '@aws-appsync/utils/rds'];

/** Modules AWS provides but this project does not implement, with the reason shown to the author (none now). */
export const REFUSED_MODULES: Readonly<Record<string, string>> = {};

/**
 * UNVERIFIED: the TypeScript standard library the type-aware lint rules see. AWS's bundled
 * version is unknown; ESNext gives every built-in a declaration, so deny-listed methods are found.
 */
export const TS_LIB: readonly string[] = ['lib.esnext.d.ts'];

/**
 * UNVERIFIED: whether AWS honours `eslint-disable` comments in resolver code. The twin does not,
 * so code that passes locally cannot rely on them.
 */
export const HONOUR_INLINE_ESLINT_COMMENTS = false;
