import { join } from 'node:path';
import { Aws } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { bundleFunction, bundleResolver } from '../resolvers/bundle';
import { STATE_MACHINE_ARN_ENV, TABLE_NAME_ENV, dataSources, pipelineFunctions, resolvers } from '../resolvers/wiring';
import type { DataSourceWiring } from '../resolvers/wiring-types';

/** Deeper queries are refused before any resolver runs; the chat schema needs 3 levels. */
export const QUERY_DEPTH_LIMIT = 10;

export const SCHEMA_PATH = join(__dirname, '..', 'schema', 'schema.graphql');

export interface ChatGraphqlApiProps {
  userPool: cognito.IUserPool;
  table: dynamodb.ITable;
  /** The moderation workflow the HTTP data source starts and answers (StartExecution, SendTaskSuccess). */
  moderation: sfn.IStateMachine;
}

/**
 * The AppSync GraphQL API: the schema, Cognito user pools as the default mode and IAM as the
 * additional one, and every data source, pipeline function and resolver of the wiring table
 * (resolvers/wiring.ts) with the same bundled APPSYNC_JS code the local twin runs.
 */
export class ChatGraphqlApi extends Construct {
  readonly api: appsync.GraphqlApi;

  constructor(scope: Construct, id: string, props: ChatGraphqlApiProps) {
    super(scope, id);

    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: 'chat-api',
      definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(SCHEMA_PATH)),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.USER_POOL,
          // ALLOW: group checks live in the schema's @aws_cognito_user_pools(cognito_groups).
          userPoolConfig: { userPool: props.userPool, defaultAction: appsync.UserPoolDefaultAction.ALLOW },
        },
        additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.IAM }],
      },
      logConfig: {
        fieldLogLevel: appsync.FieldLogLevel.ERROR,
        // Verbose content would put message text, headers and tokens into the logs.
        excludeVerboseContent: true,
        retention: logs.RetentionDays.ONE_MONTH,
      },
      xrayEnabled: true,
      queryDepthLimit: QUERY_DEPTH_LIMIT,
      environmentVariables: { [TABLE_NAME_ENV]: props.table.tableName, [STATE_MACHINE_ARN_ENV]: props.moderation.stateMachineArn },
    });

    const sources = new Map<string, appsync.BaseDataSource>();
    for (const [name, source] of Object.entries(dataSources)) sources.set(name, this.addDataSource(name, source, props));

    const functions = new Map<string, appsync.AppsyncFunction>();
    for (const fn of pipelineFunctions) {
      const dataSource = sources.get(fn.dataSource);
      if (!dataSource) throw new Error(`Pipeline function ${fn.name} names unknown data source ${fn.dataSource}`);
      functions.set(
        fn.name,
        new appsync.AppsyncFunction(this, `Function-${fn.name}`, {
          api: this.api,
          name: fn.name,
          dataSource,
          runtime: appsync.FunctionRuntime.JS_1_0_0,
          code: appsync.Code.fromInline(bundleFunction(fn.name)),
        }),
      );
    }

    for (const row of resolvers) {
      const pipelineConfig = row.functions.map((name) => {
        const fn = functions.get(name);
        if (!fn) throw new Error(`Resolver ${row.typeName}.${row.fieldName} names unknown function ${name}`);
        return fn;
      });
      new appsync.Resolver(this, `Resolver-${row.typeName}-${row.fieldName}`, {
        api: this.api,
        typeName: row.typeName,
        fieldName: row.fieldName,
        pipelineConfig,
        runtime: appsync.FunctionRuntime.JS_1_0_0,
        code: appsync.Code.fromInline(bundleResolver(row.typeName, row.fieldName)),
      });
    }
  }

  private addDataSource(name: string, source: DataSourceWiring, props: ChatGraphqlApiProps): appsync.BaseDataSource {
    switch (source.kind) {
      case 'AMAZON_DYNAMODB':
        return this.api.addDynamoDbDataSource(name, props.table, { name });
      case 'NONE':
        return this.api.addNoneDataSource(name, { name });
      case 'HTTP': {
        // The service's regional endpoint, signed with the data source role (SigV4).
        const http = this.api.addHttpDataSource(name, `https://${source.signingService}.${Aws.REGION}.${Aws.URL_SUFFIX}/`, {
          name,
          authorizationConfig: { signingRegion: Aws.REGION, signingServiceName: source.signingService },
        });
        // Least privilege: start this one state machine and answer its task tokens, nothing else.
        props.moderation.grantStartExecution(http);
        props.moderation.grantTaskResponse(http);
        return http;
      }
    }
  }
}
