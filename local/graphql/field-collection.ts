/**
 * How @skip and @include select fields. CollectFields (GraphQL spec, "Field Collection") for an
 * operation's root selection set, with
 * the request's coerced variables: @skip and @include applied, fragment spreads and inline
 * fragments expanded, fields grouped by response key. A subscription must have exactly one
 * group here (spec, "Source Stream": CreateSourceEventStream raises a request error otherwise);
 * graphql-js 16 checks that only during validation, with no variables, so a root field skipped
 * through a variable or a literal slipped past it.
 */
import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  isAbstractType,
  typeFromAST,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type FragmentDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Fragments } from './selection';

/** Throws graphql-js's GraphQLError when an argument of the directive does not coerce. */
function isIncluded(node: SelectionNode, variables: Record<string, unknown>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

function fragmentApplies(schema: GraphQLSchema, type: GraphQLObjectType, fragment: InlineFragmentNode | FragmentDefinitionNode): boolean {
  if (!fragment.typeCondition) return true;
  const condition = typeFromAST(schema, fragment.typeCondition);
  if (condition === type) return true;
  return condition !== undefined && isAbstractType(condition) && schema.isSubType(condition, type);
}

export function collectRootFields(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  variables: Record<string, unknown>,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (!isIncluded(s, variables)) continue;
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        fields.set(key, [...(fields.get(key) ?? []), s]);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (fragmentApplies(schema, type, s)) collect(s.selectionSet);
      } else {
        const fragment = fragments[s.name.value];
        if (visited.has(s.name.value) || !fragment) continue;
        visited.add(s.name.value);
        if (fragmentApplies(schema, type, fragment)) collect(fragment.selectionSet);
      }
    }
  };
  collect(selectionSet);
  return fields;
}

/**
 * The first @skip or @include anywhere in the document whose `if` does not coerce with these
 * variables (a variable with a default, sent as null), or null. graphql-js would fail that
 * field, or the whole operation at the root, with no errorType; the twin refuses the request.
 */
export function conditionalError(document: DocumentNode, variables: Record<string, unknown>): GraphQLError | null {
  let failure: GraphQLError | null = null;
  const check = (node: SelectionNode) => {
    try {
      isIncluded(node, variables);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      failure ??= error;
    }
  };
  visit(document, { Field: check, InlineFragment: check, FragmentSpread: check });
  return failure;
}
