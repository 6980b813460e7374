/**
 * AppSync's built-in scalars. AppSync checks them both ways: a bad input value is a validation
 * error before any resolver runs, and a bad value returned by a resolver becomes a field error
 * ("Can't serialize value ..."). graphql-js gives us both hooks through GraphQLScalarType.
 */
import { isIP } from 'node:net';
import { GraphQLError, Kind, type GraphQLSchema, type ValueNode } from 'graphql';

const offset = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const date = '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])';
const time = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?';

/** How each scalar is checked; `what` names the value in AppSync's serialization message. */
interface ScalarRule {
  check(value: unknown): boolean;
  what: string;
}

const matches = (pattern: RegExp) => (value: unknown) => typeof value === 'string' && pattern.test(value);

export const awsScalarRules: Record<string, ScalarRule> = {
  // AWSDate and AWSTime take an optional offset; AWSDateTime requires one.
  AWSDate: { check: matches(new RegExp(`^${date}${offset}?$`)), what: 'Date' },
  AWSTime: { check: matches(new RegExp(`^${time}${offset}?$`)), what: 'Time' },
  AWSDateTime: { check: matches(new RegExp(`^${date}T${time}${offset}$`)), what: 'DateTime' },
  AWSTimestamp: { check: (v) => typeof v === 'number' && Number.isSafeInteger(v), what: 'Timestamp' },
  AWSEmail: { check: matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/), what: 'Email' },
  AWSJSON: { check: isJsonText, what: 'JSON' },
  AWSURL: { check: matches(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s]+$/), what: 'URL' },
  // Digits with spaces or hyphens, an optional leading +: AppSync's documented format.
  AWSPhone: { check: matches(/^\+?\d[\d -]{3,}\d$/), what: 'Phone' },
  AWSIPAddress: { check: (v) => typeof v === 'string' && isIpWithOptionalPrefix(v), what: 'IPAddress' },
};

function isJsonText(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

function isIpWithOptionalPrefix(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || address === undefined) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
      return node.value;
    case Kind.INT:
      return Number(node.value);
    default:
      return undefined;
  }
}

/** Thrown by serialize; the executor turns it into AppSync's serialization error. */
export class ScalarSerializationError extends GraphQLError {
  constructor(
    readonly scalarName: string,
    readonly value: unknown,
  ) {
    super(`Unable to serialize \`${String(value)}\` as a valid ${awsScalarRules[scalarName]?.what ?? scalarName} Object.`);
  }
}

/** Gives the schema's AWS scalars their checks. Mutates the schema's scalar types in place. */
export function installAwsScalars(schema: GraphQLSchema): void {
  for (const [name, rule] of Object.entries(awsScalarRules)) {
    const type = schema.getType(name);
    if (!type || !('serialize' in type) || !('parseLiteral' in type)) continue;
    const invalid = (value: unknown) => new GraphQLError(`Invalid value for ${name}: ${JSON.stringify(value) ?? String(value)}`);
    // AWSJSON reaches resolvers parsed, and is sent to clients as JSON text.
    const fromClient = (value: unknown) => {
      if (!rule.check(value)) throw invalid(value);
      return name === 'AWSJSON' ? JSON.parse(value as string) : value;
    };
    Object.assign(type, {
      parseValue: fromClient,
      parseLiteral: (node: ValueNode) => {
        const value = literalValue(node);
        // A plain Error: graphql-js then reports it with the node, as a type mismatch.
        if (!rule.check(value)) throw new Error(`not a valid ${name}`);
        return fromClient(value);
      },
      serialize: (value: unknown) => {
        const out = name === 'AWSJSON' && typeof value !== 'string' ? JSON.stringify(value) : value;
        if (!rule.check(out)) throw new ScalarSerializationError(name, value);
        return out;
      },
    });
  }
}
