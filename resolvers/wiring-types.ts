/**
 * Types of the wiring table (resolvers/wiring.ts): which resolver serves which field, on which
 * data source, through which pipeline functions. The CDK stack and the local twin both read
 * the table; nothing else decides how a field is resolved.
 */
export type DataSourceKind = 'AMAZON_DYNAMODB' | 'NONE';

export interface DataSourceWiring {
  kind: DataSourceKind;
}

export interface FunctionWiring {
  /** Source file under resolvers/functions/, without extension, e.g. "requireMembership". */
  name: string;
  dataSource: string;
}

export interface ResolverWiring {
  typeName: 'Query' | 'Mutation' | 'Subscription' | string;
  fieldName: string;
  /** Always a pipeline resolver: resolvers/<typeName>.<fieldName>.ts holds before/after steps. */
  functions: string[];
}
