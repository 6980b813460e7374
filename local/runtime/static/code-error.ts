import type { CodeError } from '@aws-sdk/client-appsync';
import { CODE_FILE_NAME, COLUMN_BASE, NO_POSITION, PARSE_ERROR_PREFIX } from './aws-choices';

export type { CodeError };

/** A position in the code: 1-based line, 0-based column, and the length of the offending text. */
export interface SourceSpan {
  line: number;
  column0: number;
  length: number;
}

/** `code.js(line,col): error <rule>: <message>`, the form AWS uses for lint findings. */
export function ruleError(errorType: string, rule: string, message: string, at: SourceSpan): CodeError {
  const column = at.column0 + COLUMN_BASE;
  return {
    errorType,
    value: `${CODE_FILE_NAME}(${at.line},${column}): error ${rule}: ${message}`,
    location: { line: at.line, column, span: at.length },
  };
}

/** An error that belongs to the whole module, not to one place in it. */
export function moduleError(errorType: string, rule: string, message: string): CodeError {
  return {
    errorType,
    value: `${CODE_FILE_NAME}(${NO_POSITION.line},${NO_POSITION.column}): error ${rule}: ${message}`,
    location: { ...NO_POSITION },
  };
}

export function parseError(errorType: string, message: string, at: SourceSpan): CodeError {
  return {
    errorType,
    value: `${PARSE_ERROR_PREFIX}${message}`,
    location: { line: at.line, column: at.column0 + COLUMN_BASE, span: at.length },
  };
}

/** Orders errors by where they are in the code; errors without a position come last. */
export function byPosition(a: CodeError, b: CodeError): number {
  const key = (e: CodeError): [number, number] => {
    const line = e.location?.line ?? 0;
    return line === 0 ? [Number.MAX_SAFE_INTEGER, 0] : [line, e.location?.column ?? 0];
  };
  const [la, ca] = key(a);
  const [lb, cb] = key(b);
  return la - lb || ca - cb;
}
