/**
 * The project's client operations (schema/operations/*.graphql, the ones the chat page and
 * codegen use) as console examples: each operation with the fragments it spreads, and a
 * variables object with one placeholder per variable.
 */
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode, type TypeNode } from 'graphql';
import fragments from '../../schema/operations/fragments.graphql';
import mutations from '../../schema/operations/mutations.graphql';
import queries from '../../schema/operations/queries.graphql';
import subscriptions from '../../schema/operations/subscriptions.graphql';

export interface Example {
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  query: string;
  variables: string;
}

function fragmentNamesUsed(node: OperationDefinitionNode | FragmentDefinitionNode, byName: Map<string, FragmentDefinitionNode>, into: Set<string>): Set<string> {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (into.has(name)) return;
      into.add(name);
      const fragment = byName.get(name);
      if (fragment) fragmentNamesUsed(fragment, byName, into);
    },
  });
  return into;
}

/** A placeholder a person replaces: "" for ids and strings, 20 for a limit, null when optional. */
function placeholder(type: TypeNode): unknown {
  if (type.kind !== Kind.NON_NULL_TYPE) return null;
  const named = type.type.kind === Kind.NAMED_TYPE ? type.type.name.value : '';
  if (named === 'Int') return 20;
  if (named === 'Boolean') return false;
  return '';
}

function variablesOf(operation: OperationDefinitionNode, name: string): string {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const variable = definition.variable.name.value;
    // A fresh clientMessageId per example, so the first send is not a retry of an older one.
    variables[variable] = variable === 'clientMessageId' ? `console-${name}-1` : placeholder(definition.type);
  }
  return Object.keys(variables).length === 0 ? '' : JSON.stringify(variables, null, 2);
}

export function projectExamples(): Example[] {
  const definitions: DefinitionNode[] = [fragments, queries, mutations, subscriptions].flatMap((text) => parse(text).definitions);
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) byName.set(definition.name.value, definition);
  }
  const examples: Example[] = [];
  for (const definition of definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
    const name = definition.name.value;
    const used = [...fragmentNamesUsed(definition, byName, new Set())].map((n) => byName.get(n)).filter((f): f is FragmentDefinitionNode => f !== undefined);
    examples.push({
      name,
      kind: definition.operation,
      query: [definition, ...used].map((node) => print(node)).join('\n\n') + '\n',
      variables: variablesOf(definition, name),
    });
  }
  return examples;
}
