import * as acorn from 'acorn';
import type { SourceSpan } from './code-error';

/**
 * Parses the code as the ECMAScript module the runtime will load. The TypeScript parser behind
 * the lint step accepts some things that are not JavaScript (type annotations in a .js file, for
 * one); acorn follows the ECMAScript grammar and its early errors exactly.
 */
export type ParseResult =
  | { ok: true; program: acorn.Program }
  | { ok: false; message: string; at: SourceSpan };

export function parseModule(code: string): ParseResult {
  try {
    return { ok: true, program: acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) };
  } catch (error) {
    if (!(error instanceof SyntaxError) || !('loc' in error)) throw error;
    const loc = (error as SyntaxError & { loc: acorn.Position }).loc;
    // acorn appends " (line:column)" to its messages; the position travels in `location` instead.
    const message = error.message.replace(/ \(\d+:\d+\)$/, '');
    return { ok: false, message, at: { line: loc.line, column0: loc.column, length: -1 } };
  }
}

/** Where an acorn node is (acorn parsed with `locations: true`). */
export function spanOf(node: acorn.Node): SourceSpan {
  const start = node.loc?.start;
  return { line: start?.line ?? 0, column0: start?.column ?? 0, length: node.end - node.start };
}
