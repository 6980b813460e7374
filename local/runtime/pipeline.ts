// Runs a pipeline resolver as AppSync does (reference §4.1, §8): the resolver's request handler
// ("before"), then per function its request handler, its data source and its response handler,
// then the resolver's response handler ("after"). One stash flows through all of them; each step's
// result is the next step's ctx.prev.result. The twin's GraphQL layer calls this once per field.
//
// Handlers run one at a time in the shared realm; between them only JSON crosses, so the stash,
// prev.result and ctx.result a handler sees are fresh objects of its own evaluation.
import type { AppendedError, EvaluationRecord } from './sandbox/contract';
import { runHandler, type HandlerName, type HandlerOutcome } from './engine';
import { MAX_PIPELINE_FUNCTIONS } from './limits';

export interface PipelineFunction {
  name: string;
  /** The function's code (ES module exporting request and response). */
  code: string;
  /** The data source the function is attached to. */
  dataSourceName: string;
}

/** The parts of ctx that come from the GraphQL request; stash, prev, result and error are the pipeline's. */
export interface PipelineBaseContext {
  arguments: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  request: { headers: Record<string, string | string[]>; domainName?: string | null };
  info: {
    fieldName: string;
    parentTypeName: string;
    variables: Record<string, unknown>;
    selectionSetList: string[];
    selectionSetGraphQL: string;
  };
  env?: Record<string, string>;
}

export interface DataSourceOutcome {
  result?: unknown;
  error?: { message: string; type: string };
}

/**
 * Calls a data source with a function's request object. A NONE data source answers
 * `{ result: request.payload }` (local/datasources does this for the twin).
 */
export type InvokeDataSource = (dataSourceName: string, request: unknown) => Promise<DataSourceOutcome>;

export interface PipelineOptions {
  /** The pipeline resolver's code: its request handler runs first, its response handler last. */
  code: string;
  /** In order, at most MAX_PIPELINE_FUNCTIONS. */
  functions: readonly PipelineFunction[];
  context: PipelineBaseContext;
  invokeDataSource: InvokeDataSource;
  /** What util.authType() answers; inferred from ctx.identity by default. */
  authType?: string;
  /** Wall-clock limit per handler. */
  timeoutMs?: number;
  nowMs?: () => number;
}

/** One entry of the GraphQL `errors` for the field. */
export interface FieldError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

export interface PipelineExtensions {
  subscriptionFilter: unknown;
  subscriptionInvalidationFilter: unknown;
  invalidations: EvaluationRecord['invalidations'];
  evictions: EvaluationRecord['evictions'];
}

export interface PipelineResult {
  /** The field value: the after handler's return value, or null when the pipeline stopped. */
  data: unknown;
  errors: FieldError[];
  extensions: PipelineExtensions;
  responseHeaders: Record<string, string>;
  /** ctx.stash as the last handler that ran left it. */
  stash: Record<string, unknown>;
  /** console output of every handler that ran, in order. */
  logs: string[];
}

export class PipelineConfigurationError extends Error {
  override readonly name = 'PipelineConfigurationError';
  constructor(readonly code: 'TOO_MANY_FUNCTIONS', message: string) {
    super(message);
  }
}

/** errorType of an uncaught exception in resolver code (observed: `Code`). */
export const CODE_ERROR_TYPE = 'Code';
export const UNAUTHORIZED_ERROR_TYPE = 'Unauthorized';

/** The message AppSync gives for util.unauthorized() on a field. */
export function notAuthorizedMessage(fieldName: string, parentTypeName: string): string {
  return `Not Authorized to access ${fieldName} on type ${parentTypeName}`;
}

/** How a step ended, seen from the pipeline. */
type Step = { next: 'continue'; valueJson: string } | { next: 'end'; valueJson: string } | { next: 'stop'; error: FieldError };

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  if (options.functions.length > MAX_PIPELINE_FUNCTIONS) {
    throw new PipelineConfigurationError(
      'TOO_MANY_FUNCTIONS',
      `A pipeline resolver has at most ${MAX_PIPELINE_FUNCTIONS} functions; ${options.context.info.parentTypeName}.${options.context.info.fieldName} has ${options.functions.length}.`,
    );
  }
  const { context } = options;
  // The parts of ctx that never change, as JSON once; every handler's ctx is assembled from them.
  const fixedJson =
    `"arguments":${json(context.arguments ?? {})},"identity":${json(context.identity ?? null)},` +
    `"source":${json(context.source ?? null)},"request":${json(context.request)},"info":${json(context.info)},` +
    `"env":${json(context.env ?? {})}`;
  let stashJson = '{}';
  const errors: FieldError[] = [];
  const logs: string[] = [];
  const extensions: PipelineExtensions = { subscriptionFilter: null, subscriptionInvalidationFilter: null, invalidations: [], evictions: [] };
  const responseHeaders: Record<string, string> = {};

  const run = (code: string, handler: HandlerName, parts: { prevJson?: string; resultJson?: string; errorJson?: string }): HandlerOutcome => {
    let contextJson = `{${fixedJson},"stash":${stashJson},"prev":${parts.prevJson === undefined ? '{}' : `{"result":${parts.prevJson}}`}`;
    if (parts.resultJson !== undefined) contextJson += `,"result":${parts.resultJson}`;
    if (parts.errorJson !== undefined) contextJson += `,"error":${parts.errorJson}`;
    contextJson += '}';
    const result = runHandler({ code, handler, contextJson, authType: options.authType, timeoutMs: options.timeoutMs, nowMs: options.nowMs });
    stashJson = result.stashJson;
    const { record } = result;
    logs.push(...record.logs);
    errors.push(...record.outErrors.map(fieldErrorOf));
    if (record.subscriptionFilter !== null) extensions.subscriptionFilter = record.subscriptionFilter;
    if (record.subscriptionInvalidationFilter !== null) extensions.subscriptionInvalidationFilter = record.subscriptionInvalidationFilter;
    extensions.invalidations.push(...record.invalidations);
    extensions.evictions.push(...record.evictions);
    Object.assign(responseHeaders, record.responseHeaders);
    return result.outcome;
  };
  const finish = (data: unknown, stopError?: FieldError): PipelineResult => {
    if (stopError !== undefined) errors.push(stopError);
    return { data, errors, extensions, responseHeaders, stash: JSON.parse(stashJson) as Record<string, unknown>, logs };
  };

  // Before: its value is ctx.prev.result of the first function; earlyReturn skips every function.
  const beforeOutcome = run(options.code, 'request', {});
  const before = toStep(beforeOutcome, context);
  if (before.next === 'stop') return finish(null, before.error);
  let prevJson = before.valueJson;

  if (beforeOutcome.kind !== 'earlyReturn') {
    for (const fn of options.functions) {
      const requestOutcome = run(fn.code, 'request', { prevJson });
      // earlyReturn in a function's request handler skips its data source and response handler.
      if (requestOutcome.kind === 'earlyReturn') {
        prevJson = requestOutcome.valueJson;
        if (requestOutcome.skipTo === 'END') break;
        continue;
      }
      const request = toStep(requestOutcome, context);
      if (request.next === 'stop') return finish(null, request.error);
      const answer = await options.invokeDataSource(fn.dataSourceName, JSON.parse(request.valueJson));
      const response = toStep(
        run(fn.code, 'response', {
          prevJson,
          resultJson: json(answer.result ?? null),
          errorJson: answer.error === undefined ? undefined : json(answer.error),
        }),
        context,
      );
      if (response.next === 'stop') return finish(null, response.error);
      prevJson = response.valueJson;
      if (response.next === 'end') break;
    }
  }

  const after = toStep(run(options.code, 'response', { prevJson, resultJson: prevJson }), context);
  if (after.next === 'stop') return finish(null, after.error);
  return finish(JSON.parse(after.valueJson));
}

function toStep(outcome: HandlerOutcome, context: PipelineBaseContext): Step {
  switch (outcome.kind) {
    case 'return':
      return { next: 'continue', valueJson: outcome.valueJson };
    case 'earlyReturn':
      return { next: outcome.skipTo === 'END' ? 'end' : 'continue', valueJson: outcome.valueJson };
    case 'error':
      return { next: 'stop', error: fieldErrorOf(outcome.error) };
    case 'unauthorized':
      return {
        next: 'stop',
        error: { message: notAuthorizedMessage(context.info.fieldName, context.info.parentTypeName), errorType: UNAUTHORIZED_ERROR_TYPE, data: null, errorInfo: null },
      };
    case 'exception':
      return { next: 'stop', error: { message: outcome.message, errorType: CODE_ERROR_TYPE, data: null, errorInfo: null } };
    case 'codeErrors':
      return {
        next: 'stop',
        error: { message: outcome.codeErrors.map((e) => e.value ?? e.errorType ?? 'code error').join('\n'), errorType: CODE_ERROR_TYPE, data: null, errorInfo: null },
      };
  }
}

function fieldErrorOf(error: AppendedError): FieldError {
  return { message: error.message, errorType: error.errorType ?? null, data: error.data ?? null, errorInfo: error.errorInfo ?? null };
}

function json(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
