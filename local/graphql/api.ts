/**
 * The twin's GraphQL layer: parses and validates a request against the schema, enforces the
 * auth directives on every field, runs each root field through its pipeline resolver, and
 * answers in AppSync's shapes. Mutations listed in an @aws_subscribe are handed on (cut down to
 * their selection) for the realtime hub, with the invalidations their resolvers asked for.
 */
import {
  GraphQLError,
  Kind,
  SingleFieldSubscriptionsRule,
  execute,
  getOperationAST,
  getVariableValues,
  parse,
  responsePathAsArray,
  specifiedRules,
  validate,
  type DocumentNode,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { FieldError as PipelineFieldError, PipelineBaseContext } from '../runtime/pipeline';
import { isAuthorized, unauthorizedMessage, type Caller } from './auth-directives';
import {
  FieldError,
  formatFieldError,
  formatSyntaxError,
  formatValidationError,
  formatVariableError,
  requestError,
  toLocations,
  type AppSyncError,
} from './errors';
import { DocumentCache } from './document-cache';
import { collectRootFields, conditionalError } from './field-collection';
import { checkDocumentText, checkOperationSize, checkVariablesNesting } from './request-limits';
import { ScalarSerializationError } from './scalars';
import { subscriptionsByMutation } from './schema';
import { byFieldName, selectionSetGraphQL, selectionSetList, type Fragments } from './selection';

export type Headers = Record<string, string | string[]>;

/**
 * The ctx a pipeline resolver gets (stash, prev and result are the engine's): the runtime's base
 * context, where the twin always sets env and, having no custom domain, domainName null.
 */
export interface ResolverContext extends PipelineBaseContext {
  request: { headers: Headers; domainName: null };
  env: Record<string, string>;
}

/** One error a resolver reports for its field: the runtime's field error. */
export type ResolverError = PipelineFieldError;

export interface Invalidation {
  subscriptionField: string;
  payload: Record<string, unknown>;
}

/** What running one field's pipeline produced. */
export interface ResolverOutcome {
  data: unknown;
  errors: ResolverError[];
  invalidations: Invalidation[];
  subscriptionFilter: unknown;
  subscriptionInvalidationFilter: unknown;
  /** Set by util.http.addResponseHeader; AppSync adds them to the HTTP response. */
  responseHeaders?: Record<string, string>;
}

export type RunResolver = (typeName: string, fieldName: string, context: ResolverContext) => Promise<ResolverOutcome>;

/** A mutation result for subscribers: only what the mutation selected, keyed by field name. */
export interface MutationPublication {
  mutationField: string;
  result: unknown;
  selectionSet: SelectionSetNode | undefined;
  fragments: Fragments;
  subscriptionFields: string[];
}

export interface GraphQLRequest {
  query: unknown;
  variables?: unknown;
  operationName?: unknown;
  caller: Caller;
  identity: unknown;
  headers: Headers;
}

export interface GraphQLResponse {
  data: Record<string, unknown> | null;
  errors?: AppSyncError[];
}

export type PreparedSubscription =
  | {
      ok: true;
      fieldName: string;
      arguments: Record<string, unknown>;
      document: DocumentNode;
      operation: OperationDefinitionNode;
      field: FieldNode;
      variables: Record<string, unknown>;
      subscriptionFilter: unknown;
      subscriptionInvalidationFilter: unknown;
    }
  | { ok: false; errors: Array<{ message: string; errorType?: string | null; path?: unknown; locations?: unknown }> };

export interface GraphQLApiOptions {
  schema: GraphQLSchema;
  /** "Type.field" of every field that has a resolver; other root fields resolve to null. */
  resolverFields: ReadonlySet<string>;
  runResolver: RunResolver;
  env: Record<string, string>;
  onMutation?(publication: MutationPublication): void;
  onInvalidate?(invalidation: Invalidation): void;
}

interface RequestState {
  caller: Caller;
  identity: unknown;
  headers: Headers;
  variables: Record<string, unknown>;
  fragments: Fragments;
  appended: AppSyncError[];
  invalidations: Invalidation[];
  /** Root fields whose directives admitted the caller and whose resolver ran, by response key. */
  resolved: Map<string, { arguments: Record<string, unknown>; outcome: ResolverOutcome }>;
  responseHeaders: Record<string, string>;
}

type Parsed =
  | {
      ok: true;
      document: DocumentNode;
      operation: OperationDefinitionNode;
      variables: Record<string, unknown>;
      fragments: Fragments;
      /** The operation's root fields by response key, after @skip and @include. */
      rootFields: Map<string, FieldNode[]>;
    }
  | { ok: false; errors: AppSyncError[] };

/**
 * graphql-js's rules but the subscription one, which collects the root fields without the
 * request's variables (and throws on a skip through a variable); parseRequest applies it with them.
 */
const validationRules = specifiedRules.filter((rule) => rule !== SingleFieldSubscriptionsRule);

export interface GraphQLApi {
  execute(request: GraphQLRequest): Promise<GraphQLResponse>;
  /** execute, plus the response headers the resolvers set (for the HTTP route). */
  executeWithHeaders(request: GraphQLRequest): Promise<{ response: GraphQLResponse; responseHeaders: Record<string, string> }>;
  prepareSubscription(request: GraphQLRequest): Promise<PreparedSubscription>;
}

export function createGraphQLApi(options: GraphQLApiOptions): GraphQLApi {
  const { schema } = options;
  const feeds = subscriptionsByMutation(schema);
  const rootTypes = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);

  const documents = new DocumentCache();

  /**
   * The document of the request, or the refusal of the checks that depend on its text (a known
   * text skips them), in the order they apply: text bounds, variables nesting, syntax, size, validation.
   */
  function checkedDocument(text: string, variables: unknown): { ok: true; document: DocumentNode } | { ok: false; errors: AppSyncError[] } {
    const refuse = (error: AppSyncError) => ({ ok: false as const, errors: [error] });
    const known = documents.get(text);
    if (known) {
      const overNested = checkVariablesNesting(variables);
      return overNested ? refuse(requestError(overNested)) : { ok: true, document: known };
    }
    const overLimit = checkDocumentText(text) ?? checkVariablesNesting(variables);
    if (overLimit) return refuse(requestError(overLimit));
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      if (error instanceof GraphQLError) return refuse(formatSyntaxError(error));
      throw error;
    }
    const oversized = checkOperationSize(document);
    if (oversized) return refuse(requestError(oversized));
    const invalid = validate(schema, document, validationRules);
    if (invalid.length > 0) return { ok: false, errors: invalid.map((e) => formatValidationError(e, document)) };
    documents.remember(text, document);
    return { ok: true, document };
  }

  /** Everything that refuses a request as a whole, before any resolver runs. */
  function parseRequest(request: GraphQLRequest): Parsed {
    const refuse = (error: AppSyncError): Parsed => ({ ok: false, errors: [error] });
    if (typeof request.query !== 'string') {
      return refuse({ path: null, locations: [], message: 'Invalid query: the request has no query string' });
    }
    const checked = checkedDocument(request.query, request.variables);
    if (!checked.ok) return checked;
    const { document } = checked;
    const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) return refuse({ path: null, locations: [], message: 'Unable to identify the operation to run' });
    const variables = request.variables && typeof request.variables === 'object' ? (request.variables as Record<string, unknown>) : {};
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { ok: false, errors: coerced.errors.map(formatVariableError) };
    const badConditional = conditionalError(document, coerced.coerced);
    if (badConditional) return refuse(requestError(badConditional.message, badConditional.locations));
    const fragments: Fragments = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const rootType = schema.getRootType(operation.operation);
    if (!rootType) return refuse(requestError(`Schema is not configured for ${operation.operation} operations`, operationLocations(operation)));
    const rootFields = collectRootFields(schema, rootType, operation.selectionSet, fragments, coerced.coerced);
    if (operation.operation === 'subscription') {
      const refusal = subscriptionRootFieldError(rootFields);
      if (refusal) return refuse(requestError(refusal, operationLocations(operation)));
    }
    return { ok: true, document, operation, variables, fragments, rootFields };
  }

  const resolveField: GraphQLFieldResolver<unknown, RequestState> = async (source, args, state, info) => {
    const field = info.parentType.getFields()[info.fieldName];
    if (field && !isAuthorized(info.parentType, field, state.caller)) {
      throw new FieldError(unauthorizedMessage(info.parentType.name, info.fieldName), 'Unauthorized');
    }
    const isRoot = rootTypes.has(info.parentType.name);
    const hasResolver = options.resolverFields.has(`${info.parentType.name}.${info.fieldName}`);
    if (!isRoot && !hasResolver) {
      // Nested fields read the parent's value, as AppSync does without a resolver.
      return source && typeof source === 'object' ? (source as Record<string, unknown>)[info.fieldName] : null;
    }
    if (!hasResolver) return null;
    const fieldNode = info.fieldNodes[0];
    // All the nodes of this response key: their selections are merged, as graphql-js does.
    const selectionSet = mergedSelectionSet(info.fieldNodes);
    const context: ResolverContext = {
      arguments: args,
      identity: state.identity,
      source: source ?? null,
      request: { headers: state.headers, domainName: null },
      info: {
        fieldName: info.fieldName,
        parentTypeName: info.parentType.name,
        variables: state.variables,
        selectionSetList: selectionSetList(selectionSet, state.fragments),
        selectionSetGraphQL: selectionSetGraphQL(selectionSet, state.fragments),
      },
      env: options.env,
    };
    const outcome = await options.runResolver(info.parentType.name, info.fieldName, context);
    // Root fields only: their outcomes feed subscriptions (a nested field resolver's never does).
    if (isRoot) state.resolved.set(info.path.key as string, { arguments: args, outcome });
    state.invalidations.push(...outcome.invalidations);
    Object.assign(state.responseHeaders, outcome.responseHeaders);
    const failure = outcome.errors.at(-1);
    if (failure && (outcome.data === null || outcome.data === undefined)) {
      // The field fails with the error that stopped the pipeline (the last one); errors
      // appended before it are listed beside it.
      for (const e of outcome.errors.slice(0, -1)) state.appended.push(appendedError(e, responsePathAsArray(info.path), fieldNode));
      throw new FieldError(failure.message, failure.errorType, failure.data ?? null, failure.errorInfo ?? null);
    }
    for (const e of outcome.errors) state.appended.push(appendedError(e, responsePathAsArray(info.path), fieldNode));
    return outcome.data;
  };

  async function run(request: GraphQLRequest, parsed: Extract<Parsed, { ok: true }>): Promise<{ response: GraphQLResponse; state: RequestState }> {
    const state: RequestState = {
      caller: request.caller,
      identity: request.identity,
      headers: request.headers,
      variables: parsed.variables,
      fragments: parsed.fragments,
      appended: [],
      invalidations: [],
      resolved: new Map(),
      responseHeaders: {},
    };
    const result = await execute({
      schema,
      document: parsed.document,
      operationName: parsed.operation.name?.value,
      variableValues: parsed.variables,
      contextValue: state,
      fieldResolver: resolveField,
    });
    if (!('data' in result) || result.data === undefined) {
      // Variables that do not coerce fail the whole request, like validation.
      return { response: { data: null, errors: (result.errors ?? []).map(formatVariableError) }, state };
    }
    const fieldErrors = (result.errors ?? []).map(formatExecutionError);
    const errors = [...fieldErrors, ...state.appended];
    const data = (result.data ?? null) as Record<string, unknown> | null;
    return { response: errors.length > 0 ? { data, errors } : { data }, state };
  }

  const api: GraphQLApi = {
    async execute(request) {
      return (await api.executeWithHeaders(request)).response;
    },

    async executeWithHeaders(request) {
      const parsed = parseRequest(request);
      if (!parsed.ok) return { response: { data: null, errors: parsed.errors }, responseHeaders: {} };
      const { response, state } = await run(request, parsed);
      if (parsed.operation.operation === 'mutation' && response.data) {
        for (const selection of parsed.operation.selectionSet.selections) {
          if (selection.kind !== Kind.FIELD) continue;
          const subscriptionFields = feeds.get(selection.name.value);
          const value = response.data[selection.alias?.value ?? selection.name.value];
          if (!subscriptionFields || value === null || value === undefined) continue;
          options.onMutation?.({
            mutationField: selection.name.value,
            result: byFieldName(selection.selectionSet, value, parsed.fragments),
            selectionSet: selection.selectionSet,
            fragments: parsed.fragments,
            subscriptionFields,
          });
        }
      }
      for (const invalidation of state.invalidations) options.onInvalidate?.(invalidation);
      return { response, responseHeaders: state.responseHeaders };
    },

    async prepareSubscription(request) {
      const parsed = parseRequest(request);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      if (parsed.operation.operation !== 'subscription') {
        return {
          ok: false,
          errors: [{ errorType: 'UnsupportedOperation', message: `${parsed.operation.operation} not supported through the realtime channel` }],
        };
      }
      // parseRequest left exactly one root field (after @skip/@include). Running it once checks
      // the directives and runs its resolver (membership check, filters), as for a query.
      const [[responseKey, nodes] = []] = parsed.rootFields;
      const { response, state } = await run(request, parsed);
      if (response.errors && response.errors.length > 0) return { ok: false, errors: response.errors };
      // No subscription without the outcome of its resolver: that is where access is checked.
      const ran = responseKey === undefined ? undefined : state.resolved.get(responseKey);
      const [first] = nodes ?? [];
      if (!ran || !first) {
        return { ok: false, errors: [requestError('A subscription field must run its resolver', operationLocations(parsed.operation))] };
      }
      return {
        ok: true,
        fieldName: first.name.value,
        arguments: ran.arguments,
        document: parsed.document,
        operation: parsed.operation,
        field: { ...first, selectionSet: mergedSelectionSet(nodes ?? []) },
        variables: parsed.variables,
        subscriptionFilter: ran.outcome.subscriptionFilter ?? null,
        subscriptionInvalidationFilter: ran.outcome.subscriptionInvalidationFilter ?? null,
      };
    },
  };
  return api;
}

/** The one rule for a subscription's root fields, once @skip and @include are applied. */
function subscriptionRootFieldError(rootFields: Map<string, FieldNode[]>): string | null {
  if (rootFields.size !== 1) return 'Subscription must select exactly one top level field';
  const [[, [field] = []] = []] = rootFields;
  if (field?.name.value.startsWith('__')) return 'Subscription must not select an introspection top level field';
  return null;
}

/** The selections of every node of one response key, as one selection set. */
function mergedSelectionSet(nodes: readonly FieldNode[]): SelectionSetNode | undefined {
  const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  if (sets.length <= 1) return sets[0];
  return { kind: Kind.SELECTION_SET, selections: sets.flatMap((set) => set.selections) };
}

function operationLocations(operation: OperationDefinitionNode): Array<{ line: number; column: number }> {
  return operation.loc ? [{ line: operation.loc.startToken.line, column: operation.loc.startToken.column }] : [];
}

function appendedError(e: ResolverError, path: Array<string | number>, node: FieldNode | undefined): AppSyncError {
  return {
    path,
    data: e.data ?? null,
    errorType: e.errorType ?? null,
    errorInfo: e.errorInfo ?? null,
    locations: node?.loc ? toLocations([{ line: node.loc.startToken.line, column: node.loc.startToken.column }]) : [],
    message: e.message,
  };
}

function formatExecutionError(error: GraphQLError): AppSyncError {
  if (error.originalError instanceof ScalarSerializationError) {
    // graphql-java's wording: "Can't serialize value (/a/b) : Unable to serialize ..."
    const formatted = formatFieldError(error);
    const at = formatted.path.map((k) => (typeof k === 'number' ? `[${k}]` : `/${k}`)).join('');
    return { ...formatted, message: `Can't serialize value (${at}) : ${error.originalError.message}` };
  }
  return formatFieldError(error);
}
