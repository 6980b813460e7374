/**
 * A GraphQL api over a small schema whose resolvers are recorded stand-ins: what the unit tests
 * of the request rules (subscription root field, limits) need to see which resolvers ran.
 */
import { createGraphQLApi, type ResolverContext, type ResolverOutcome } from '../../../../local/graphql/api';
import type { Caller } from '../../../../local/graphql/auth-directives';
import { loadApiSchema } from '../../../../local/graphql/schema';

export const schema = loadApiSchema(`
  schema { query: Query mutation: Mutation subscription: Subscription }
  type Node { id: ID! child: Node }
  type Item { id: ID! name: String }
  type Query {
    item(id: ID!): Item
    node: Node
    echo(list: [[[ID]]]): String
  }
  type Mutation {
    putItem(id: ID!): Item
  }
  type Subscription {
    onPutItem(id: ID): Item @aws_subscribe(mutations: ["putItem"])
    onOther: Item @aws_subscribe(mutations: ["putItem"])
    onUnwired: Item @aws_subscribe(mutations: ["putItem"])
  }
`);

export const member: Caller = { mode: 'userPool', groups: ['Members'] };

export function setup() {
  const calls: Array<{ typeName: string; fieldName: string; context: ResolverContext }> = [];
  const api = createGraphQLApi({
    schema,
    resolverFields: new Set(['Query.item', 'Query.node', 'Query.echo', 'Mutation.putItem', 'Subscription.onPutItem', 'Subscription.onOther']),
    env: {},
    runResolver: async (typeName, fieldName, context): Promise<ResolverOutcome> => {
      calls.push({ typeName, fieldName, context });
      const data = fieldName === 'node' ? { id: 'n1', child: null } : typeName === 'Subscription' ? null : { id: 'i1' };
      return { data, errors: [], invalidations: [], subscriptionFilter: { filterGroup: [{ filters: [{ fieldName: 'id', operator: 'eq', value: fieldName }] }] }, subscriptionInvalidationFilter: null };
    },
  });
  return { api, calls };
}

export const request = (query: string, variables?: unknown) => ({ query, variables, caller: member, identity: { sub: 'u1' }, headers: {} });
