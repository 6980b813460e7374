/**
 * Evaluates the few CloudFormation intrinsics a stack output may use (Fn::Join, Fn::Split,
 * Fn::GetAtt, Ref) with made-up deploy-time values, so a test can check what an output
 * will say once deployed.
 */
export type Attributes = Record<string, string>;

export function evaluate(expression: unknown, attributes: Attributes): string | string[] {
  if (typeof expression === 'string') return expression;
  if (Array.isArray(expression)) return expression.map((item) => asString(evaluate(item, attributes)));
  if (typeof expression !== 'object' || expression === null) throw new Error(`Cannot evaluate ${JSON.stringify(expression)}`);
  const [[fn, args]] = Object.entries(expression);
  switch (fn) {
    case 'Ref':
      return lookup(String(args), attributes);
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = args as [string, string];
      return lookup(`${logicalId}.${attribute}`, attributes);
    }
    case 'Fn::Join': {
      const [delimiter, items] = args as [string, unknown];
      return asList(evaluate(items, attributes)).join(delimiter);
    }
    case 'Fn::Split': {
      const [delimiter, source] = args as [string, unknown];
      return asString(evaluate(source, attributes)).split(delimiter);
    }
    default:
      throw new Error(`Unsupported intrinsic ${fn}`);
  }
}

function lookup(key: string, attributes: Attributes): string {
  const value = attributes[key];
  if (value === undefined) throw new Error(`No value for ${key}`);
  return value;
}

function asString(value: string | string[]): string {
  if (typeof value !== 'string') throw new Error(`Expected a string, got a list`);
  return value;
}

function asList(value: string | string[]): string[] {
  if (typeof value === 'string') throw new Error(`Expected a list, got ${value}`);
  return value;
}
