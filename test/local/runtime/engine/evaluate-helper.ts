// Shared by the engine tests: evaluate one handler body through the public EvaluateCode API.
import type { EvaluateCodeCommandOutput } from '@aws-sdk/client-appsync';
import { evaluateCode, type EvaluateOptions } from '../../../../local/runtime/evaluate-code';

export const RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;

/** A module whose request handler is `body` (indented two spaces on line 3). */
export function requestModule(body: string, topLevel = ''): string {
  return `import { util, runtime, extensions } from '@aws-appsync/utils';\n${topLevel}export function request(ctx) {\n  ${body}\n}\n`;
}

export function evaluate(code: string, context: object = {}, fn: 'request' | 'response' = 'request', options?: EvaluateOptions): Promise<EvaluateCodeCommandOutput> {
  return evaluateCode({ runtime: RUNTIME, code, context: JSON.stringify(context), function: fn }, options);
}

/** The handler's return value, parsed; fails the test with the error message if there was one. */
export async function resultOf(code: string, context: object = {}, fn: 'request' | 'response' = 'request'): Promise<unknown> {
  const output = await evaluate(code, context, fn);
  if (output.error !== undefined) throw new Error(`evaluation failed: ${JSON.stringify(output.error)}`);
  return JSON.parse(output.evaluationResult ?? 'undefined');
}

/** 1-based `line:column` of the first occurrence of `needle` in `code`. */
export function positionOf(code: string, needle: string): string {
  const offset = code.indexOf(needle);
  const before = code.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}
