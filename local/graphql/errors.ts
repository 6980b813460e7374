/**
 * GraphQL errors in the shape AppSync sends them. Field errors carry
 * {path, data, errorType, errorInfo, locations, message}; validation errors carry a null path and
 * no errorType, with graphql-java's wording ("Validation error of type FieldUndefined: ...").
 */
import { GraphQLError, visit, type ASTNode, type DocumentNode, type SourceLocation } from 'graphql';

export interface AppSyncLocation {
  line: number;
  column: number;
  sourceName: null;
}

export interface AppSyncFieldError {
  path: Array<string | number>;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: AppSyncLocation[];
  message: string;
}

export interface AppSyncValidationError {
  path: null;
  locations: AppSyncLocation[];
  message: string;
}

/**
 * A request the twin refuses as a whole for a reason graphql-java's validation has no wording
 * for on AppSync (a limit in ./limits, the subscription root field rule): the validation shape
 * with the stable errorType this API gives bad input.
 */
export interface AppSyncRequestError {
  path: null;
  locations: AppSyncLocation[];
  errorType: 'ValidationError';
  message: string;
}

export type AppSyncError = AppSyncFieldError | AppSyncValidationError | AppSyncRequestError;

export function requestError(message: string, locations?: readonly SourceLocation[]): AppSyncRequestError {
  return { path: null, locations: toLocations(locations), errorType: 'ValidationError', message };
}

/** A field error raised by the twin or a resolver; graphql-js carries it to the response. */
export class FieldError extends GraphQLError {
  constructor(
    message: string,
    readonly errorType: string | null,
    readonly errorData: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
  }
}

export function toLocations(locations: readonly SourceLocation[] | undefined): AppSyncLocation[] {
  return (locations ?? []).map(({ line, column }) => ({ line, column, sourceName: null }));
}

/** A GraphQLError from execution (with a path) as AppSync reports it. */
export function formatFieldError(error: GraphQLError): AppSyncFieldError {
  const original = error.originalError;
  const known = original instanceof FieldError ? original : error instanceof FieldError ? error : null;
  return {
    path: [...(error.path ?? [])],
    data: known?.errorData ?? null,
    errorType: known?.errorType ?? null,
    errorInfo: known?.errorInfo ?? null,
    locations: toLocations(error.locations),
    message: known?.message ?? original?.message ?? error.message,
  };
}

/** The '@ a/b' suffix graphql-java puts on validation messages: the field path to the node. */
function fieldPathTo(document: DocumentNode, target: ASTNode | undefined): string {
  if (!target) return '';
  let found = '';
  const stack: string[] = [];
  visit(document, {
    Field: {
      enter(node) {
        stack.push(node.alias?.value ?? node.name.value);
        if (node === target) found = stack.join('/');
      },
      leave() {
        stack.pop();
      },
    },
    enter(node) {
      if (node === target && node.kind !== 'Field') found = stack.join('/');
    },
  });
  return found;
}

function argumentNameAt(document: DocumentNode, target: ASTNode | undefined): string | null {
  let name: string | null = null;
  visit(document, {
    Argument(node) {
      if (node === target || node.value === target) name = node.name.value;
    },
  });
  return name;
}

/** A printed GraphQL literal as graphql-java's toString shows it, e.g. StringValue{value='x'}. */
function javaValue(printed: string): string {
  if (printed.startsWith('"')) return `StringValue{value='${printed.slice(1, -1)}'}`;
  if (/^-?\d+$/.test(printed)) return `IntValue{value=${printed}}`;
  if (/^-?\d/.test(printed)) return `FloatValue{value=${printed}}`;
  if (printed === 'true' || printed === 'false') return `BooleanValue{value=${printed}}`;
  return printed;
}

const rewrites: Array<{
  pattern: RegExp;
  rewrite(m: RegExpMatchArray, at: string, doc: DocumentNode, node: ASTNode | undefined): string;
}> = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"/,
    rewrite: (m, at) => `Validation error of type FieldUndefined: Field '${m[1]}' in type '${m[2]}' is undefined @ '${at}'`,
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "[\w.]+"/,
    rewrite: (m, at) => `Validation error of type UnknownArgument: Unknown field argument ${m[1]} @ '${at}'`,
  },
  {
    pattern: /^Field "\w+" argument "(\w+)" of type "[^"]+" is required, but it was not provided/,
    rewrite: (m, at) => `Validation error of type MissingFieldArgument: Missing field argument ${m[1]} @ '${at}'`,
  },
  {
    pattern: /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/,
    rewrite: (m, at) => `Validation error of type SubSelectionRequired: Sub selection required for type ${m[2]} of field ${m[1]} @ '${at}'`,
  },
  {
    pattern: /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields/,
    rewrite: (m, at) => `Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type ${m[2]} of field ${m[1]} @ '${at}'`,
  },
  {
    pattern: /^Expected value of type "([^"]+)", found ([^;]+?)(?:;|\.$)/,
    rewrite: (m, at, doc, node) =>
      `Validation error of type WrongType: argument '${argumentNameAt(doc, node) ?? '?'}' with value '${javaValue(m[2] ?? '')}' is not a valid '${m[1]}' @ '${at}'`,
  },
  {
    pattern: /^Variable "\$(\w+)" is never used/,
    rewrite: (m) => `Validation error of type UnusedVariable: Unused variable ${m[1]}`,
  },
  {
    pattern: /^Unknown type "(\w+)"/,
    rewrite: (m, at) => `Validation error of type UnknownType: Unknown type ${m[1]}${at ? ` @ '${at}'` : ''}`,
  },
];

/** A graphql-js validation error with graphql-java's (so AppSync's) wording. */
export function formatValidationError(error: GraphQLError, document: DocumentNode): AppSyncValidationError {
  const node = error.nodes?.[0];
  const at = fieldPathTo(document, node);
  let message = `Validation error: ${error.message}`;
  for (const { pattern, rewrite } of rewrites) {
    const m = error.message.match(pattern);
    if (m) {
      message = rewrite(m, at, document, node);
      break;
    }
  }
  return { path: null, locations: toLocations(error.locations), message };
}

/** graphql-java's wording for a document that does not parse. */
export function formatSyntaxError(error: GraphQLError): AppSyncValidationError {
  const loc = error.locations?.[0];
  const token = error.message.match(/found (?:"([^"]*)"|(<\w+>)|(\S+?))\.?$/);
  const offending = token?.[1] ?? token?.[2] ?? token?.[3] ?? '';
  return {
    path: null,
    locations: toLocations(error.locations),
    message: `Invalid Syntax : offending token '${offending}' at line ${loc?.line ?? 1} column ${loc?.column ?? 1}`,
  };
}

/** graphql-java's wording for variables that cannot be coerced. */
export function formatVariableError(error: GraphQLError): AppSyncValidationError {
  const missing = error.message.match(/^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (?:was not provided|must not be null)/);
  const message = missing
    ? `Variable '${missing[1]}' has coerced Null value for NonNull type '${missing[2]}'`
    : error.message.replace(/^Variable "\$(\w+)" got invalid value (.*?);\s*/, "Variable '$1' has an invalid value: ");
  return { path: null, locations: toLocations(error.locations), message };
}
