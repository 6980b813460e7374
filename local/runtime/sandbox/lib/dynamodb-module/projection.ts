// `projection: ["id", "author.name"]` to {expression: "#id, #author.#name", expressionNames}.
export interface ProjectionExpression {
  expression: string;
  expressionNames: Record<string, string>;
}

export function buildProjection(attributes: unknown): ProjectionExpression | undefined {
  if (!Array.isArray(attributes) || attributes.length === 0) return undefined;
  const expressionNames: Record<string, string> = {};
  const paths = attributes.map((attribute) =>
    `${attribute}`
      .split('.')
      .map((segment) => {
        expressionNames[`#${segment}`] = segment;
        return `#${segment}`;
      })
      .join('.'),
  );
  return { expression: paths.join(', '), expressionNames };
}
