/**
 * Names of the chat stack's CloudFormation outputs. The stack declares them and the
 * amplify_outputs.json writer reads them, so both use these constants.
 */
export const stackOutputKeys = {
  graphqlUrl: 'GraphQLUrl',
  realtimeUrl: 'RealtimeUrl',
  region: 'Region',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  tableName: 'TableName',
} as const;

export type StackOutputKey = (typeof stackOutputKeys)[keyof typeof stackOutputKeys];

/** The stack name `cdk deploy` uses by default (infra/app.ts). */
export const DEFAULT_STACK_NAME = 'ChatApi';
