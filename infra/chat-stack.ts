import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ChatGraphqlApi } from './chat-graphql-api';
import { ChatTable } from './chat-table';
import { ChatUserPool } from './chat-user-pool';
import { ModerationRules } from './moderation-rules';
import { ModerationWorkflow } from './moderation-workflow';
import { addNagSuppressions } from './nag-suppressions';
import { realtimeUrlToken } from './realtime-url';
import { stackOutputKeys } from './stack-outputs';

export interface ChatStackProps extends StackProps {
  /** What happens to the user pool, table and logs on stack deletion. Default: RETAIN. */
  removalPolicy?: RemovalPolicy;
}

/** The chat API on AWS: Cognito user pool with groups, DynamoDB table, AppSync GraphQL API. */
export class ChatStack extends Stack {
  readonly userPool: ChatUserPool;
  readonly table: ChatTable;
  readonly graphqlApi: ChatGraphqlApi;
  readonly moderation: ModerationWorkflow;

  constructor(scope: Construct, id: string, props: ChatStackProps = {}) {
    super(scope, id, props);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.userPool = new ChatUserPool(this, 'Auth', { removalPolicy });
    this.table = new ChatTable(this, 'Data', { removalPolicy });
    this.moderation = new ModerationWorkflow(this, 'Moderation', { table: this.table.table, observability: { removalPolicy } });
    this.graphqlApi = new ChatGraphqlApi(this, 'GraphQL', {
      userPool: this.userPool.userPool,
      table: this.table.table,
      moderation: this.moderation.stateMachine,
    });
    new ModerationRules(this, 'ModerationEvents', { api: this.graphqlApi.api });

    const outputs: Record<string, string> = {
      [stackOutputKeys.graphqlUrl]: this.graphqlApi.api.graphqlUrl,
      [stackOutputKeys.realtimeUrl]: realtimeUrlToken(this.graphqlApi.api.graphqlUrl),
      [stackOutputKeys.region]: this.region,
      [stackOutputKeys.userPoolId]: this.userPool.userPool.userPoolId,
      [stackOutputKeys.userPoolClientId]: this.userPool.client.userPoolClientId,
      [stackOutputKeys.tableName]: this.table.table.tableName,
    };
    for (const [key, value] of Object.entries(outputs)) new CfnOutput(this, key, { value });

    addNagSuppressions(this);
  }
}
