// AppSync's EvaluateCode, answered locally: same input and output shapes as
// @aws-sdk/client-appsync, the same quotas, the same way of reporting outcomes (reference §10.1).
//
// How each kind of bad input is answered (AWS documents the constraints, not every message):
// - malformed request (missing member, wrong runtime, lengths, context not a JSON object, unknown
//   function): thrown BadRequestException, as the service rejects the call (messages follow AWS's
//   "1 validation error detected: ..." form; the runtime-version and context-JSON wording is UNVERIFIED);
// - code that does not pass the static check: a normal response with error.codeErrors (observed);
// - a handler that fails at run time: a normal response with error.message (observed).
import { randomUUID } from 'node:crypto';
import { BadRequestException, type EvaluateCodeCommandInput, type EvaluateCodeCommandOutput } from '@aws-sdk/client-appsync';
import { runHandler, type HandlerName, type HandlerResult } from './engine';
import { CODE_MAX_LENGTH, CODE_MIN_LENGTH, CONTEXT_MAX_LENGTH, CONTEXT_MIN_LENGTH } from './limits';

export const RUNTIME_NAME = 'APPSYNC_JS';
export const RUNTIME_VERSION = '1.0.0';
const HANDLER_NAMES: readonly HandlerName[] = ['request', 'response'];
/** UNVERIFIED: what the service says about static code errors besides listing them. */
export const CODE_ERRORS_MESSAGE = 'The code contains one or more errors.';

export interface EvaluateOptions {
  /** Wall-clock limit for the handler (default in limits.ts). */
  timeoutMs?: number;
  /** Clock for util.time and log lines. */
  nowMs?: () => number;
}

export async function evaluateCode(input: EvaluateCodeCommandInput, options: EvaluateOptions = {}): Promise<EvaluateCodeCommandOutput> {
  const requestId = randomUUID();
  const { code, contextJson, handler } = validate(input, requestId);
  const result = runHandler({ code, handler, contextJson, timeoutMs: options.timeoutMs, nowMs: options.nowMs });
  return { $metadata: metadata(200, requestId), ...toResponse(result) };
}

function toResponse(result: HandlerResult): Omit<EvaluateCodeCommandOutput, '$metadata'> {
  const { outcome, record } = result;
  const recorded = { logs: record.logs, stash: result.stashJson, outErrors: JSON.stringify(record.outErrors) };
  switch (outcome.kind) {
    case 'return':
    case 'earlyReturn':
      return { evaluationResult: outcome.valueJson, ...recorded };
    case 'error':
      // util.error: the message verbatim, nothing else about the error (observed).
      return { error: { message: outcome.error.message }, ...recorded };
    case 'unauthorized':
      return { error: { message: 'Unauthorized' }, ...recorded };
    case 'exception':
      return { error: { message: outcome.message }, ...recorded };
    case 'codeErrors':
      return { error: { message: CODE_ERRORS_MESSAGE, codeErrors: outcome.codeErrors } };
  }
}

interface ValidInput {
  code: string;
  contextJson: string;
  handler: HandlerName;
}

function validate(input: EvaluateCodeCommandInput, requestId: string): ValidInput {
  const problems: string[] = [];
  const { runtime, code, context } = input;
  if (runtime === undefined || runtime === null) {
    problems.push(constraint('null', 'runtime', 'Member must not be null'));
  } else {
    if (runtime.name !== RUNTIME_NAME) {
      problems.push(constraint(quoted(runtime.name), 'runtime.name', `Member must satisfy enum value set: [${RUNTIME_NAME}]`));
    }
    if (typeof runtime.runtimeVersion !== 'string') {
      problems.push(constraint('null', 'runtime.runtimeVersion', 'Member must not be null'));
    }
  }
  if (typeof code !== 'string') {
    problems.push(constraint('null', 'code', 'Member must not be null'));
  } else if (code.length < CODE_MIN_LENGTH) {
    problems.push(constraint(`at 'code'`, null, `Member must have length greater than or equal to ${CODE_MIN_LENGTH}`));
  } else if (code.length > CODE_MAX_LENGTH) {
    problems.push(constraint(`at 'code'`, null, `Member must have length less than or equal to ${CODE_MAX_LENGTH}`));
  }
  if (typeof context !== 'string') {
    problems.push(constraint('null', 'context', 'Member must not be null'));
  } else if (context.length < CONTEXT_MIN_LENGTH) {
    problems.push(constraint(`at 'context'`, null, `Member must have length greater than or equal to ${CONTEXT_MIN_LENGTH}`));
  } else if (context.length > CONTEXT_MAX_LENGTH) {
    problems.push(constraint(`at 'context'`, null, `Member must have length less than or equal to ${CONTEXT_MAX_LENGTH}`));
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
    throw badRequest(`${count} detected: ${problems.join('; ')}`, requestId);
  }
  if (runtime?.runtimeVersion !== RUNTIME_VERSION) {
    throw badRequest(`Unsupported runtime version ${runtime?.runtimeVersion} for ${RUNTIME_NAME}. Supported versions: ${RUNTIME_VERSION}`, requestId);
  }
  const handler = input.function ?? 'request';
  if (!(HANDLER_NAMES as readonly string[]).includes(handler)) {
    throw badRequest(`Invalid function ${quoted(handler)}. Valid values are: ${HANDLER_NAMES.join(', ')}`, requestId);
  }
  if (!isJsonObject(context as string)) {
    throw badRequest('The context is not a valid JSON object.', requestId);
  }
  return { code: code as string, contextJson: context as string, handler: handler as HandlerName };
}

/** AWS's validation wording: `Value 'x' at 'member' failed to satisfy constraint: ...`. */
function constraint(value: string, member: string | null, rule: string): string {
  const subject = member === null ? `Value ${value}` : `Value ${value} at '${member}'`;
  return `${subject} failed to satisfy constraint: ${rule}`;
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : 'null';
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

function badRequest(message: string, requestId: string): BadRequestException {
  return new BadRequestException({ message, $metadata: metadata(400, requestId) });
}

function metadata(httpStatusCode: number, requestId: string): EvaluateCodeCommandOutput['$metadata'] {
  return { httpStatusCode, requestId, extendedRequestId: undefined, cfId: undefined, attempts: 1, totalRetryDelay: 0 };
}
