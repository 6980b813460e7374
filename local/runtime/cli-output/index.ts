// What evaluate-code prints: the answer as the AWS CLI prints it, after --query (JMESPath) and
// in the --output format (json, text or table).
import jmespath from 'jmespath';
import { formatTable } from './table';
import { formatText } from './text';

export const OUTPUT_FORMATS = ['json', 'text', 'table'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The operation name the AWS CLI puts above a table. */
const TABLE_TITLE = 'EvaluateCode';

export class QueryError extends Error {}

/** Applies a JMESPath expression; a malformed one is the caller's mistake (the AWS CLI exits 252). */
export function applyQuery(value: unknown, query: string | undefined): unknown {
  if (query === undefined) return value;
  try {
    return jmespath.search(value, query) as unknown;
  } catch (error) {
    throw new QueryError(error instanceof Error ? error.message : String(error));
  }
}

/** The printed text, newline included; '' when the AWS CLI prints nothing (an empty answer). */
export function formatAnswer(value: unknown, format: OutputFormat, terminalWidth: number): string {
  switch (format) {
    case 'json':
      // The AWS CLI prints nothing for {}, and 4-space-indented JSON for everything else.
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return '';
      return `${JSON.stringify(value, null, 4) ?? 'null'}\n`;
    case 'text':
      return formatText(value);
    case 'table':
      return formatTable(TABLE_TITLE, value, terminalWidth);
  }
}
