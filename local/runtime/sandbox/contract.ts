/**
 * The contract between the host (local/runtime/*.ts, running in Node) and the library that runs
 * inside each resolver's vm context (local/runtime/sandbox/lib/*.ts: util, the dynamodb module,
 * runtime, extensions).
 *
 * The library is bundled into a script and evaluated inside the context, so every object a
 * resolver touches belongs to the context's realm. It must not import Node modules or use
 * Buffer, process or require: whatever it needs from the host comes through HostBridge, whose
 * functions take and return primitives only.
 */

/** Host capabilities the in-realm library may call. Primitives in, primitives out. */
export interface HostBridge {
  /** Random v4 UUID. */
  randomUUID(): string;
  /** `n` cryptographically random bytes as lowercase hex. */
  randomHex(n: number): string;
  /** Current time in epoch milliseconds (the twin's clock; tests may pin it). */
  nowMs(): number;
  /** UTF-8 string to base64, and back. */
  base64Encode(s: string): string;
  base64Decode(s: string): string;
}

/** One error recorded by util.appendError, as it appears in EvaluateCode's outErrors. */
export interface AppendedError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** What one handler evaluation records besides its return value. Reset for every evaluation. */
export interface EvaluationRecord {
  logs: string[];
  outErrors: AppendedError[];
  subscriptionFilter: unknown | null;
  subscriptionInvalidationFilter: unknown | null;
  invalidations: Array<{ subscriptionField: string; payload: Record<string, unknown> }>;
  evictions: Array<{ typeName: string; fieldName: string; keys: Record<string, unknown> }>;
  responseHeaders: Record<string, string>;
}

/** The record every evaluation starts from: nothing logged, appended or set. */
export function newEvaluationRecord(): EvaluationRecord {
  return {
    logs: [],
    outErrors: [],
    subscriptionFilter: null,
    subscriptionInvalidationFilter: null,
    invalidations: [],
    evictions: [],
    responseHeaders: {},
  };
}

/**
 * Control flow leaves a handler by throwing one of these plain objects (resolver code has no
 * try/catch, so it cannot intercept them). `__appsync` tells them apart from real exceptions.
 */
export type Signal =
  | { __appsync: 'error'; message: string; errorType: string | null; data: unknown; errorInfo: unknown }
  | { __appsync: 'unauthorized' }
  | { __appsync: 'earlyReturn'; value: unknown; skipTo: 'END' | 'NEXT' | null };

export function isSignal(value: unknown): value is Signal {
  return typeof value === 'object' && value !== null && typeof (value as { __appsync?: unknown }).__appsync === 'string';
}
