/**
 * Types of the wiring table (resolvers/wiring.ts): which resolver serves which field, on which
 * data source, through which pipeline functions. The CDK stack and the local twin both read
 * the table; nothing else decides how a field is resolved.
 */
export type DataSourceKind = 'AMAZON_DYNAMODB' | 'NONE' | 'HTTP';

export type DataSourceWiring =
  | { kind: 'AMAZON_DYNAMODB' }
  | { kind: 'NONE' }
  /**
   * An AWS service API called through an HTTP data source signed with IAM (SigV4) for
   * `signingService`: on AWS https://<signingService>.<region>.amazonaws.com, in the twin a local
   * implementation of that service (local/datasources/http.ts).
   */
  | { kind: 'HTTP'; signingService: 'states' };

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
