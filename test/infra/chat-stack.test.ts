import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { appClientSettings, chatUserGroups, passwordPolicy, userPoolSettings } from '../../infra/auth-settings';
import { bundleFunction, bundleResolver } from '../../resolvers/bundle';
import { dataSources, pipelineFunctions, resolvers } from '../../resolvers/wiring';
import { evaluate } from './support/intrinsics';
import { repoRoot, synthChatApp } from './support/chat-app';

let template: Template;
let userPoolId: string;
let tableId: string;
let apiId: string;

function onlyResourceOfType(type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

beforeAll(() => {
  template = synthChatApp().template;
  userPoolId = onlyResourceOfType('AWS::Cognito::UserPool');
  tableId = onlyResourceOfType('AWS::DynamoDB::Table');
  apiId = onlyResourceOfType('AWS::AppSync::GraphQLApi');
});

describe('Cognito user pool', () => {
  it('signs in by username or email, case-insensitively, with email required and verified', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AliasAttributes: ['email'],
      UsernameAttributes: Match.absent(),
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      Schema: Match.arrayWith([Match.objectLike({ Name: 'email', Required: true })]),
    });
  });

  it('has a strong password policy', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  it('is invite-only, with optional TOTP MFA and email recovery', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('is retained and deletion-protected by default', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('has one app client without secret, with SRP, USER_PASSWORD and refresh flows and no OAuth', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(client.Properties.GenerateSecret).toBe(false);
    expect([...client.Properties.ExplicitAuthFlows].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
    expect(client.Properties.UserPoolId).toEqual({ Ref: userPoolId });
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client.Properties.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(client.Properties.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client.Properties.EnableTokenRevocation).toBe(true);
  });

  // The local twin's user pool reads the same settings (local/auth/pool-settings.ts).
  it('deploys the settings of infra/auth-settings.ts that the local user pool reads', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: !userPoolSettings.selfSignUpEnabled },
      UsernameConfiguration: { CaseSensitive: userPoolSettings.signInCaseSensitive },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: passwordPolicy.minLength }) },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      PreventUserExistenceErrors: appClientSettings.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
      AccessTokenValidity: appClientSettings.accessTokenValidityMinutes,
      IdTokenValidity: appClientSettings.idTokenValidityMinutes,
      RefreshTokenValidity: appClientSettings.refreshTokenValidityDays * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    for (const group of chatUserGroups) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group.name, Precedence: group.precedence, Description: group.description });
    }
  });

  it.each([
    ['Admins', 0],
    ['Members', 1],
  ])('has the group %s with precedence %d', (groupName, precedence) => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: groupName,
      Precedence: precedence,
      UserPoolId: { Ref: userPoolId },
    });
  });

  it('has no other groups', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
  });
});

describe('DynamoDB table', () => {
  it('has the PK/SK string keys and the GSI1 index of infra/table-definition.ts', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals([
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'GSI1PK', AttributeType: 'S' },
        { AttributeName: 'GSI1SK', AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('is on-demand, with point-in-time recovery and KMS encryption', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      ProvisionedThroughput: Match.absent(),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // SSEEnabled true means the KMS key aws/dynamodb (false would be an AWS-owned key).
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('is retained and deletion-protected by default', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });
});

describe('AppSync GraphQL API', () => {
  it('uses the user pool as default mode (ALLOW) and IAM as the additional mode', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      UserPoolConfig: { UserPoolId: { Ref: userPoolId }, DefaultAction: 'ALLOW', AwsRegion: { Ref: 'AWS::Region' } },
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
    });
  });

  it('logs fields at ERROR without verbose content, through a role AppSync assumes', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      LogConfig: {
        FieldLogLevel: 'ERROR',
        ExcludeVerboseContent: true,
        CloudWatchLogsRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiLogsRole'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'appsync.amazonaws.com' } })],
      }),
      ManagedPolicyArns: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs']] },
      ],
    });
  });

  it('keeps the API log group for 30 days', () => {
    template.hasResourceProperties('Custom::LogRetention', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [apiId, 'ApiId'] }]] },
      RetentionInDays: 30,
    });
  });

  it('has X-Ray on, a query depth limit of 10 and TABLE_NAME set to the table', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      XrayEnabled: true,
      QueryDepthLimit: 10,
      EnvironmentVariables: { TABLE_NAME: { Ref: tableId } },
    });
  });

  it('uploads schema/schema.graphql as it is', () => {
    const schema = readFileSync(join(repoRoot, 'schema', 'schema.graphql'), 'utf8');
    template.hasResourceProperties('AWS::AppSync::GraphQLSchema', {
      ApiId: { 'Fn::GetAtt': [apiId, 'ApiId'] },
      Definition: schema,
    });
  });
});

describe('data sources, pipeline functions and resolvers from the wiring table', () => {
  const functionIdsByName = (): Record<string, string> =>
    Object.fromEntries(
      Object.entries(template.findResources('AWS::AppSync::FunctionConfiguration')).map(([id, resource]) => [
        resource.Properties.Name as string,
        id,
      ]),
    );

  it('has one data source per wiring row', () => {
    template.resourceCountIs('AWS::AppSync::DataSource', Object.keys(dataSources).length);
  });

  it.each(Object.entries(dataSources))('has the data source %s', (name, source) => {
    template.hasResourceProperties('AWS::AppSync::DataSource', {
      ApiId: { 'Fn::GetAtt': [apiId, 'ApiId'] },
      Name: name,
      Type: source.kind,
      ...(source.kind === 'AMAZON_DYNAMODB'
        ? {
            DynamoDBConfig: { TableName: { Ref: tableId }, AwsRegion: { Ref: 'AWS::Region' } },
            ServiceRoleArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
          }
        : {}),
    });
  });

  it('lets the DynamoDB data source read and write the table and its indexes only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Allow',
            // Transactions are authorized per item action; BatchGetItem serves requireMembership.
            Action: Match.arrayWith([
              'dynamodb:BatchGetItem',
              'dynamodb:ConditionCheckItem',
              'dynamodb:DeleteItem',
              'dynamodb:GetItem',
              'dynamodb:PutItem',
              'dynamodb:Query',
              'dynamodb:UpdateItem',
            ]),
            Resource: [
              { 'Fn::GetAtt': [tableId, 'Arn'] },
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] },
            ],
          }),
        ],
      },
    });
  });

  it('has one pipeline function per wiring row', () => {
    template.resourceCountIs('AWS::AppSync::FunctionConfiguration', pipelineFunctions.length);
  });

  it.each(pipelineFunctions.map((fn) => [fn.name, fn.dataSource]))(
    'has the function %s on %s, APPSYNC_JS 1.0.0 with the bundled code',
    (name, dataSource) => {
      const code = bundleFunction(name);
      expect(code).toMatch(/export\s*\{[^}]*\brequest\b/);
      template.hasResourceProperties('AWS::AppSync::FunctionConfiguration', {
        ApiId: { 'Fn::GetAtt': [apiId, 'ApiId'] },
        Name: name,
        DataSourceName: dataSource,
        Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
        Code: code,
        FunctionVersion: '2018-05-29',
      });
    },
  );

  it('has one resolver per wiring row', () => {
    template.resourceCountIs('AWS::AppSync::Resolver', resolvers.length);
  });

  it.each(resolvers.map((row) => [row.typeName, row.fieldName, row.functions]))(
    'has the pipeline resolver %s.%s with its functions in order, APPSYNC_JS 1.0.0 and the bundled code',
    (typeName, fieldName, functions) => {
      const ids = functionIdsByName();
      template.hasResourceProperties('AWS::AppSync::Resolver', {
        ApiId: { 'Fn::GetAtt': [apiId, 'ApiId'] },
        TypeName: typeName,
        FieldName: fieldName,
        Kind: 'PIPELINE',
        DataSourceName: Match.absent(),
        PipelineConfig: { Functions: functions.map((name) => ({ 'Fn::GetAtt': [ids[name], 'FunctionId'] })) },
        Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
        Code: bundleResolver(typeName, fieldName),
      });
    },
  );

  it('creates resolvers only after the schema', () => {
    const [schemaId] = Object.keys(template.findResources('AWS::AppSync::GraphQLSchema'));
    for (const resolver of Object.values(template.findResources('AWS::AppSync::Resolver'))) {
      expect(resolver.DependsOn).toContain(schemaId);
    }
  });
});

describe('outputs', () => {
  it.each<[string, () => unknown]>([
    ['GraphQLUrl', () => ({ 'Fn::GetAtt': [apiId, 'GraphQLUrl'] })],
    ['Region', () => ({ Ref: 'AWS::Region' })],
    ['UserPoolId', () => ({ Ref: userPoolId })],
    ['UserPoolClientId', () => ({ Ref: onlyResourceOfType('AWS::Cognito::UserPoolClient') })],
    ['TableName', () => ({ Ref: tableId })],
  ])('has %s', (name, value) => {
    template.hasOutput(name, { Value: value() });
  });

  it('derives RealtimeUrl from the deployed GraphQL URL (appsync-api -> appsync-realtime-api, https -> wss)', () => {
    const outputs = template.findOutputs('RealtimeUrl');
    const deployed = evaluate(outputs.RealtimeUrl.Value, {
      [`${apiId}.GraphQLUrl`]: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
    });
    expect(deployed).toBe('wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql');
  });

  it('has exactly the six documented outputs', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(
      ['GraphQLUrl', 'RealtimeUrl', 'Region', 'TableName', 'UserPoolClientId', 'UserPoolId'],
    );
  });
});

describe('removeMember bans until unbanMember (issue 8)', () => {
  const functionId = (name: string): string => {
    const [id] = Object.entries(template.findResources('AWS::AppSync::FunctionConfiguration', { Properties: { Name: name } })).map(([key]) => key);
    expect(id).toBeDefined();
    return id;
  };

  it.each([
    ['removeMember', ['requireMembership', 'banMember']],
    ['unbanMember', ['requireMembership', 'deleteBan']],
    ['joinRoom', ['requireRoom', 'addMember']],
  ])('deploys Mutation.%s as the pipeline %j', (fieldName, functions) => {
    template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: 'Mutation',
      FieldName: fieldName,
      PipelineConfig: { Functions: functions.map((name) => ({ 'Fn::GetAtt': [functionId(name), 'FunctionId'] })) },
    });
  });

  it('lets the transactions of banMember and addMember delete, put and condition-check items', () => {
    // TransactWriteItems is authorized per item action (DeleteItem, PutItem, ConditionCheckItem).
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Action: Match.arrayWith(['dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem']) }),
        ]),
      },
    });
  });
});

describe('chat features (issue 12)', () => {
  it('turns on TTL on expiresAt, the epoch-seconds expiry of presence and typing records', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it.each([
    ['Room', 'unreadCount', 'countUnread'],
    ['Room', 'lastMessage', 'queryLastMessage'],
  ])('deploys the field resolver %s.%s (pipeline %s) beside the root resolvers', (typeName, fieldName, fn) => {
    const [functionId] = Object.keys(template.findResources('AWS::AppSync::FunctionConfiguration', { Properties: { Name: fn } }));
    template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: typeName,
      FieldName: fieldName,
      Kind: 'PIPELINE',
      PipelineConfig: { Functions: [{ 'Fn::GetAtt': [functionId, 'FunctionId'] }] },
    });
  });

  it.each([
    ['setTyping', ['requireMembership', 'throttleTyping']],
    ['heartbeat', ['requireMembership', 'putPresence']],
    ['react', ['requireMembership', 'addReaction']],
    ['markRead', ['requireMembership', 'setLastRead']],
    ['inviteMember', ['requireMembership', 'putInvitation']],
    ['acceptInvite', ['requireRoom', 'addMember']],
  ])('checks membership (or the room) before Mutation.%s writes', (fieldName, functions) => {
    const ids = functions.map((name) => Object.keys(template.findResources('AWS::AppSync::FunctionConfiguration', { Properties: { Name: name } }))[0]);
    template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: 'Mutation',
      FieldName: fieldName,
      PipelineConfig: { Functions: ids.map((id) => ({ 'Fn::GetAtt': [id, 'FunctionId'] })) },
    });
  });

  it('lets the data source update items (react, unreact, markRead) and query (presence, unread counts)', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Action: Match.arrayWith(['dynamodb:Query', 'dynamodb:UpdateItem']) })]),
      },
    });
  });
});
