// Runs one resolver handler: static check, compile (cached per code string), evaluation in the
// shared realm under a time limit, and the outcome in host terms. evaluate-code.ts and
// pipeline.ts are both built on runHandler.
import type { CodeError } from '@aws-sdk/client-appsync';
import { newEvaluationRecord, type AppendedError, type EvaluationRecord } from './sandbox/contract';
import { checkCode } from './static-check';
import { CODE_FILE_NAME, compileModule, type CompiledModule } from './compile';
import { DEFAULT_HANDLER_TIMEOUT_MS, REALM_LIMITS } from './limits';
import { Realm, type RawOutcome } from './realm';

export type HandlerName = 'request' | 'response';

export interface HandlerRequest {
  code: string;
  handler: HandlerName;
  /** The ctx as JSON text (EvaluateCode's `context`). */
  contextJson: string;
  /** What util.authType() answers; by default inferred from ctx.identity. */
  authType?: string;
  /** Wall-clock limit for this evaluation. */
  timeoutMs?: number;
  /** Clock for util.time and log lines (tests pin it). */
  nowMs?: () => number;
}

export type HandlerOutcome =
  | { kind: 'return'; valueJson: string }
  | { kind: 'earlyReturn'; valueJson: string; skipTo: 'END' | 'NEXT' | null }
  /** util.error(...) */
  | { kind: 'error'; error: AppendedError }
  /** util.unauthorized() */
  | { kind: 'unauthorized' }
  /** An uncaught exception, the time limit or the loop quota: `message` is what AWS shows. */
  | { kind: 'exception'; message: string }
  /** The code did not pass the static check or could not be compiled. */
  | { kind: 'codeErrors'; codeErrors: CodeError[] };

export interface HandlerResult {
  outcome: HandlerOutcome;
  /** JSON of ctx.stash after the evaluation. */
  stashJson: string;
  record: EvaluationRecord;
}

let realm: Realm | undefined;
const stats = { realmsCreated: 0, evaluations: 0 };

/**
 * Counters for tests and the benchmark: realms made (a new one follows every handler that changed
 * its realm or timed out) and handler evaluations run.
 */
export function engineStats(): { realmsCreated: number; evaluations: number } {
  return { ...stats };
}

export function runHandler(request: HandlerRequest): HandlerResult {
  const codeErrors = checkCode(request.code, { requireHandlers: [request.handler] });
  if (codeErrors.length > 0) return codeErrorResult(codeErrors);
  const compiled = compileModule(request.code);
  if (!compiled.ok) return codeErrorResult(compiled.codeErrors);

  if (realm === undefined || realm.dirty) {
    realm = new Realm(REALM_LIMITS);
    stats.realmsCreated += 1;
  }
  stats.evaluations += 1;
  realm.clock = request.nowMs ?? Date.now;
  const timeoutMs = request.timeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
  const raw = realm.evaluate(compiled.module, request.handler, request.contextJson, request.authType ?? '', timeoutMs);
  return {
    outcome: toOutcome(raw, compiled.module, request.handler, timeoutMs),
    stashJson: raw.stashJson,
    record: toRecord(raw.recordJson),
  };
}

function toOutcome(raw: RawOutcome, module: CompiledModule, handler: HandlerName, timeoutMs: number): HandlerOutcome {
  switch (raw.kind) {
    case 'return':
      return { kind: 'return', valueJson: raw.valueJson };
    case 'earlyReturn':
      return { kind: 'earlyReturn', valueJson: raw.valueJson, skipTo: raw.detail === 'END' || raw.detail === 'NEXT' ? raw.detail : null };
    case 'error':
      return { kind: 'error', error: JSON.parse(raw.valueJson) as AppendedError };
    case 'unauthorized':
      return { kind: 'unauthorized' };
    case 'missingHandler':
      return { kind: 'exception', message: `${CODE_FILE_NAME}: TypeError: ${handler} is not a function` };
    case 'timeout':
      return { kind: 'exception', message: `${CODE_FILE_NAME}: Error: Execution timed out after ${timeoutMs} ms` };
    case 'exception':
      return { kind: 'exception', message: exceptionMessage(raw.detail, module) };
  }
}

/** `code.js:LINE:COL: Name: message`, the position taken from the first resolver frame of the stack. */
function exceptionMessage(detailJson: string, module: CompiledModule): string {
  const detail = JSON.parse(detailJson) as { name?: string; message?: string; stack?: string };
  const name = detail.name ?? 'Error';
  const text = detail.message ?? '';
  const frame = /[(\s]code\.js:(\d+):(\d+)/.exec(detail.stack ?? '');
  if (frame === null) return `${CODE_FILE_NAME}: ${name}: ${text}`;
  const position = module.source.toOriginal({ line: Number(frame[1]), column: Number(frame[2]) });
  return `${CODE_FILE_NAME}:${position.line}:${position.column}: ${name}: ${text}`;
}

function toRecord(recordJson: string): EvaluationRecord {
  return { ...newEvaluationRecord(), ...(JSON.parse(recordJson) as Partial<EvaluationRecord>) };
}

function codeErrorResult(codeErrors: CodeError[]): HandlerResult {
  return { outcome: { kind: 'codeErrors', codeErrors }, stashJson: '{}', record: toRecord('{}') };
}
