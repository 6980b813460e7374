/**
 * Every behaviour the reference marks UNVERIFIED on AWS, decided once here. Each constant says
 * what we chose and why; the code elsewhere reads these instead of deciding again.
 */

/**
 * Map values that are `undefined` are omitted by util.dynamodb.toMap/toMapValues/toDynamoDB and
 * by every module helper (JSON has no undefined, and AWS receives resolver values as JSON).
 */
export const OMIT_UNDEFINED_MAP_VALUES = true;

/** `util.dynamodb.toDynamoDB(undefined)` returns null (same as the typed single-value helpers). */
export const TO_DYNAMODB_UNDEFINED_RESULT = null;

/**
 * The module-level `toNumberSet` returns numbers, like the Verified-AWS util.dynamodb.toNumberSet
 * (the npm doc comment shows strings; reference D4).
 */
export const MODULE_NUMBER_SET_AS_NUMBERS = true;

/**
 * Condition/filter objects built by the dynamodb module omit an empty `expressionValues` map
 * (DynamoDB rejects an empty ExpressionAttributeValues; e.g. `{id: {attributeExists: false}}`).
 * util.transform strings keep `"expressionValues":{}` as AWS samples show they do.
 */
export const MODULE_OMIT_EMPTY_EXPRESSION_VALUES = true;

/** Value placeholders inside and/or/not branches get a prefix: `:and_0_title_eq`, `:not_title_eq`. */
export const BRANCH_VALUE_PREFIX_SEPARATOR = '_';

/** Update expressions: `operations.remove()` becomes `REMOVE #expName_N`, after all SET clauses. */
export const UPDATE_REMOVE_KEYWORD = 'REMOVE';

/** `operations.increment()` / `decrement()` without an argument step by 1. */
export const DEFAULT_INCREMENT_BY = 1;

/** Marker produced by `operations.updateListItem(value, index)`. */
export const OPERATION_UPDATE_LIST_ITEM = 'OPERATION_UPDATE_LIST_ITEM';
/** Marker produced by `operations.remove()`. */
export const OPERATION_REMOVE = 'OPERATION_REMOVE';

/**
 * Transaction conditions carry no `returnValuesOnConditionCheckFailure` unless the caller set
 * one; the data source applies AWS's documented default (true).
 */
export const TRANSACT_CONDITION_ADD_RETURN_VALUES_DEFAULT = false;

// Also decided, in the file that implements them: util.escapeJavaScript follows Apache Commons
// Lang 3 escapeEcmaScript (util/escape-javascript.ts); the restricted and reserved header names of
// util.http (util/http.ts); key-condition and projection expression forms (dynamodb-module/);
// typed sets kept by the module helpers (dynamodb-module/attribute-values.ts).

/** util.error and util.appendError share the "non-string arguments make it a no-op" rule. */
export const APPEND_ERROR_IGNORES_NON_STRING_ARGS = true;

/** util.math.randomWithinRange(start, end) includes both ends. */
export const RANDOM_WITHIN_RANGE_INCLUDES_END = true;

/** toSubscriptionFilter drops ignoredFields at every nesting level, not only at the top. */
export const IGNORED_FIELDS_AT_EVERY_LEVEL = true;

/** errorType of the error raised when an enhanced filter breaks AWS's documented limits. */
export const SUBSCRIPTION_FILTER_ERROR_TYPE = 'InvalidSubscriptionFilterError';

/** errorType when more than five unique extensions.invalidateSubscriptions calls are made. */
export const INVALIDATION_LIMIT_ERROR_TYPE = 'LimitExceededError';

/** errorType when util.http.addResponseHeader breaks the header rules. */
export const RESPONSE_HEADER_ERROR_TYPE = 'InvalidResponseHeaderError';

/** runtime.earlyReturn() with no argument returns null as the handler's result. */
export const EARLY_RETURN_DEFAULT_VALUE = null;

/** util.authType() for Lambda authorization (the other four strings are documented). */
export const LAMBDA_AUTH_TYPE = 'Lambda Authorization';

/*
 * util.xml (util/xml.ts). AWS documents only the posts/post example, whose output shows
 * `"id":1`: leaf text is converted like org.json's XML.toJSONObject, which the rest follows.
 * Also decided there: attributes are keys of the element's map (values converted the same way);
 * text is trimmed and whitespace-only text dropped; the five XML entities and numeric references
 * are decoded, an unknown named entity is kept as written; CDATA is text kept as is (not trimmed
 * or converted); comments, processing instructions and DOCTYPE are skipped; namespace prefixes
 * stay in names; several top-level elements all become keys; keys keep document order; input
 * with no element gives {}.
 */
/** Leaf text and attribute values "true"/"false"/"null" and plain numbers become JSON values. */
export const XML_COERCE_VALUES = true;
/** Key for an element's text when it also has attributes or child elements (mixed content). */
export const XML_TEXT_KEY = 'content';
/** `<a/>`, `<a></a>` and `<a> </a>` become "". */
export const XML_EMPTY_ELEMENT_VALUE = '';
/** Malformed XML (and a non-string argument) gives null (the npm type is `Record | null`). */
export const XML_MALFORMED_RESULT = null;

/*
 * The `@aws-appsync/utils/rds` module and util.rds (rds-module/). AWS documents the inputs and
 * shows the generated SQL only in code comments, with illustrative placeholder names; nothing
 * below was checked against a real EvaluateCode call. Reference: appsync-js-rds.md.
 */
/** Placeholders are positional, `:P0`, `:P1`, ..., one counter per createXStatement call (statement 2 continues it). */
export const RDS_PLACEHOLDER_PREFIX = ':P';
/** A createXStatement call takes one or two statements; a third (or none) is an error, not dropped. */
export const RDS_MAX_STATEMENTS = 2;
/** Generated SQL is one line with single spaces and uppercase keywords. */
export const RDS_CLAUSE_SEPARATOR = ' ';
/** `ne` renders as `!=` (PostgreSQL and MySQL both accept it; `<>` would be equivalent). */
export const RDS_NOT_EQUAL = '!=';
/** `eq: null` / `ne: null` become `IS NULL` / `IS NOT NULL` (`= NULL` matches nothing in SQL). */
export const RDS_NULL_EQUALITY_AS_IS_NULL = true;
/** `size` uses LENGTH in PostgreSQL and CHAR_LENGTH in MySQL (both count characters). */
export const RDS_SIZE_FUNCTION = { pg: 'LENGTH', mysql: 'CHAR_LENGTH' } as const;
/** `contains` / `notContains` / `beginsWith` send `%v%` / `%v%` / `v%`; `%` and `_` inside v are not escaped. */
export const RDS_LIKE_ESCAPES_WILDCARDS = false;
/** `returning` with createMySQLStatement is an error ("Only supported in Postgres"), not silently ignored. */
export const RDS_MYSQL_RETURNING_IS_ERROR = true;
/** `remove` renders `DELETE FROM "t"` (AWS's comment shows `DELETE "t"`, which PostgreSQL refuses). */
export const RDS_DELETE_KEYWORD = 'DELETE FROM';
/** `limit` and `offset` are variables (`LIMIT :P1`), numbered after the WHERE values, as AWS's comment shows `:limit`. */
export const RDS_LIMIT_AS_VARIABLE = true;
/** typeHint.JSON(v) stores JSON.stringify(v); typeHint.DECIMAL(n) stores `${n}` (the Data API takes both as stringValue). */
export const RDS_HINT_VALUE_AS_STRING = { JSON: true, DECIMAL: true } as const;
/** A `sql` or builder statement inside `${}` is spliced in (its own values become variables), not sent as a value. */
export const RDS_NESTED_STATEMENT_INLINED = true;
/** An `undefined` value is sent as null (JSON has no undefined, so a variable would otherwise vanish). */
export const RDS_UNDEFINED_VALUE = null;
/** toJsonObject: a row's keys are the column `label`, falling back to `name`; invalid input gives null. */
export const RDS_ROW_KEY_FIELDS = ['label', 'name'] as const;
export const RDS_INVALID_RESULT = null;

/**
 * util.time patterns: `Y` (week-based year) follows java.time with en_US week rules (weeks start
 * on Sunday; week 1 holds January 1), so 2026-12-27..31 format as 2027 (time/java-format.ts).
 */
export const WEEK_BASED_YEAR_RULES = 'en_US';
