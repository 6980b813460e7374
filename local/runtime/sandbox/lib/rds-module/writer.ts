// One request's writer: identifier quoting for the dialect and the shared variable counter.
import { RDS_PLACEHOLDER_PREFIX, RDS_UNDEFINED_VALUE } from '../aws-unverified';
import { isHint, type Dialect, type SqlWriter } from './statement';

const QUOTE: Record<Dialect, string> = { pg: '"', mysql: '`' };

/** `private.persons` -> `"private"."persons"`; a quote inside a name is doubled; `*` stays bare. */
export function quoteIdentifier(name: string, quote: string): string {
  return name
    .split('.')
    .map((part) => (part === '*' ? part : `${quote}${part.split(quote).join(quote + quote)}${quote}`))
    .join('.');
}

export interface RequestWriter extends SqlWriter {
  readonly variableMap: Record<string, unknown>;
  readonly variableTypeHintMap: Record<string, string>;
}

export function createWriter(dialect: Dialect): RequestWriter {
  const variableMap: Record<string, unknown> = {};
  const variableTypeHintMap: Record<string, string> = {};
  let next = 0;
  return {
    dialect,
    variableMap,
    variableTypeHintMap,
    quote: (identifier) => quoteIdentifier(identifier, QUOTE[dialect]),
    variable(value) {
      const name = `${RDS_PLACEHOLDER_PREFIX}${next}`;
      next += 1;
      if (isHint(value)) {
        variableMap[name] = value.value;
        variableTypeHintMap[name] = value.hint;
      } else {
        variableMap[name] = value === undefined ? RDS_UNDEFINED_VALUE : value;
      }
      return name;
    },
  };
}
