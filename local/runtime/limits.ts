// Every quota the local APPSYNC_JS runtime enforces, in one place.

/** EvaluateCode / Resolver / FunctionConfiguration: code is a string of 1..32,768 characters. */
export const CODE_MIN_LENGTH = 1;
export const CODE_MAX_LENGTH = 32768;

/** EvaluateCode: the context is a JSON string of 2..28,000 characters. */
export const CONTEXT_MIN_LENGTH = 2;
export const CONTEXT_MAX_LENGTH = 28000;

/**
 * Loop iterations (for-of / for-in bodies) one handler evaluation may run, counted across all
 * loops of that evaluation: a deterministic stop for a runaway loop, beside the clock. AWS
 * documents no iteration limit for APPSYNC_JS (VTL's #foreach stopped at 1,000 per loop), so the
 * number is the twin's own, set well above what correct code needs: 1,000 across a handler
 * refused listMessages(limit: 100) once a page held 84 messages (12 emoji looked up on each).
 */
export const MAX_LOOP_ITERATIONS = 100_000;

/**
 * Memory bounds (UNVERIFIED for APPSYNC_JS: AWS documents none). A single built-in call can ask
 * V8 for gigabytes at once (`Array(1e9).fill(0)`) and take the process down, so the calls that
 * size an allocation by their argument refuse sizes over these: Array(n), fill and join on an
 * array that long, concat of a result that long; repeat, padStart and padEnd of a string longer
 * than the string limit (AppSync's response payload limit, 5 MB).
 */
export const MAX_ARRAY_LENGTH = 1_000_000;
export const MAX_STRING_LENGTH = 5 * 1024 * 1024;
/**
 * Heap growth one evaluation may cause, checked every HEAP_CHECK_CALLS function entries and every
 * HEAP_CHECK_LOOPS loop iterations (many allocations each under the per-call bounds).
 */
export const MAX_HEAP_GROWTH_BYTES = 512 * 1024 * 1024;
export const HEAP_CHECK_CALLS = 16;
export const HEAP_CHECK_LOOPS = 16;

/** Everything a realm enforces by itself, as the engine creates it. */
export const REALM_LIMITS = {
  maxLoopIterations: MAX_LOOP_ITERATIONS,
  maxArrayLength: MAX_ARRAY_LENGTH,
  maxStringLength: MAX_STRING_LENGTH,
  maxHeapGrowthBytes: MAX_HEAP_GROWTH_BYTES,
  heapCheckCalls: HEAP_CHECK_CALLS,
  heapCheckLoops: HEAP_CHECK_LOOPS,
} as const;

/** Wall-clock limit for one handler evaluation when the caller sets none. AWS documents none per handler. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 1000;

/**
 * Names that make the engine run a code string under vm's watchdog (`timeout`) as well as the
 * instrumented clock: helpers that evaluate a regular expression (util.matches, the string
 * methods that APPSYNC_JS documents as taking Java regex patterns, and String.prototype.match,
 * which the AppSync lint rules allow and which compiles its string argument into a RegExp, and
 * util.time.parseFormattedToEpochMilliSeconds, which builds one from the caller's format) can
 * backtrack for ever inside one built-in call, where no instrumented check runs. The watchdog
 * costs a thread per call.
 */
export const WATCHDOG_TRIGGERS = ['matches', 'replace', 'replaceAll', 'match', 'parseFormattedToEpochMilliSeconds'] as const;

/** Functions per pipeline resolver (AWS quota; the reference marks it not re-checked). */
export const MAX_PIPELINE_FUNCTIONS = 10;

/** Compiled code strings kept per process (least recently used are dropped). */
export const COMPILED_CODE_CACHE_SIZE = 256;
