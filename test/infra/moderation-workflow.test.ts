/**
 * The moderation workflow on AWS (issue 13): a Standard state machine whose definition
 * validates against the States Language, with the states, retries, catches and timeout the
 * design names; AppSync reaching Step Functions through an IAM-signed HTTP data source allowed
 * only this state machine; EventBridge rules calling one mutation each.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import validateAsl from 'asl-validator';
import { buildModerationDefinition, LOCAL_PSEUDO_PARAMETERS, resolvePseudoIntrinsics } from '../../local/stepfunctions/definition';
import { synthChatApp } from './support/chat-app';

type State = Record<string, unknown> & { Type: string };
let template: Template;
let definition: { StartAt: string; States: Record<string, State>; TimeoutSeconds?: number };
let stateMachineId: string;

beforeAll(() => {
  template = synthChatApp().template;
  const machines = template.findResources('AWS::StepFunctions::StateMachine');
  expect(Object.keys(machines)).toHaveLength(1);
  [stateMachineId] = Object.keys(machines);
  const raw = machines[stateMachineId].Properties.DefinitionString as unknown;
  // The table name is a Ref to the table in the template: give it a made-up physical name.
  const withTable = JSON.parse(JSON.stringify(raw).replace(/\{"Ref":"DataTable[0-9A-F]+"\}/g, '"ChatTable-Deployed"'));
  definition = JSON.parse(resolvePseudoIntrinsics(withTable, LOCAL_PSEUDO_PARAMETERS));
});

const SEVEN_DAYS = 7 * 24 * 60 * 60;
const TASKS = ['RecordReport', 'NotifyModerators', 'WaitForDecision', 'RemoveMessage', 'CloseReport'];

describe('moderation state machine', () => {
  it('is a Standard workflow, logged at ALL without execution data, traced', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it('validates against the Amazon States Language (asl-validator)', () => {
    const result = validateAsl(definition);
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('has the states of the design, starting by recording the report', () => {
    expect(definition.StartAt).toBe('RecordReport');
    expect(Object.keys(definition.States).sort()).toEqual(
      ['CloseReport', 'Decide', 'DismissOnTimeout', 'Done', 'ModerationFailed', 'NotifyModerators', 'RecordFailure', 'RecordReport', 'RemoveMessage', 'WaitForDecision'].sort(),
    );
    expect(definition.States.RecordReport).toMatchObject({ Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Next: 'NotifyModerators' });
    expect(definition.States.NotifyModerators).toMatchObject({ Resource: 'arn:aws:states:::events:putEvents', Next: 'WaitForDecision' });
    expect(definition.States.Decide).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.decision.decision', StringEquals: 'REMOVE', Next: 'RemoveMessage' }],
      Default: 'CloseReport',
    });
    expect(definition.States.RemoveMessage).toMatchObject({ Resource: 'arn:aws:states:::events:putEvents', Next: 'CloseReport' });
    expect(definition.States.CloseReport).toMatchObject({ Resource: 'arn:aws:states:::dynamodb:updateItem', Next: 'Done' });
    expect(definition.States.RecordFailure).toMatchObject({ Resource: 'arn:aws:states:::dynamodb:updateItem', Next: 'ModerationFailed' });
    expect(definition.States.ModerationFailed).toMatchObject({ Type: 'Fail' });
  });

  it('uses DynamoDB through service integrations, never a Lambda function', () => {
    const resources = Object.values(definition.States).map((state) => state.Resource).filter(Boolean);
    expect(resources.every((resource) => typeof resource === 'string' && !resource.includes(':lambda:'))).toBe(true);
    expect(template.findResources('AWS::Lambda::Function', { Properties: { Handler: Match.stringLikeRegexp('moderation') } })).toEqual({});
  });

  it('waits for a decision with .waitForTaskToken, the token stored on the report, 7 days by default', () => {
    const wait = definition.States.WaitForDecision;
    expect(wait).toMatchObject({
      Resource: 'arn:aws:states:::aws-sdk:dynamodb:updateItem.waitForTaskToken',
      TimeoutSeconds: SEVEN_DAYS,
      ResultPath: '$.decision',
      Next: 'Decide',
      Parameters: {
        TableName: 'ChatTable-Deployed',
        UpdateExpression: 'SET taskToken = :token',
        ExpressionAttributeValues: { ':token': { 'S.$': '$$.Task.Token' } },
      },
    });
  });

  it('dismisses a report nobody decided in time (States.Timeout -> DismissOnTimeout -> CloseReport)', () => {
    const catches = definition.States.WaitForDecision.Catch as Array<{ ErrorEquals: string[]; Next: string; ResultPath: string }>;
    expect(catches[0]).toEqual({ ErrorEquals: ['States.Timeout'], Next: 'DismissOnTimeout', ResultPath: '$.timeout' });
    expect(definition.States.DismissOnTimeout).toMatchObject({
      Type: 'Pass',
      Parameters: { decision: 'DISMISS', status: 'DISMISSED', decidedBy: 'timeout' },
      ResultPath: '$.decision',
      Next: 'CloseReport',
    });
  });

  it('has a whole-execution timeout past the decision timeout, as a backstop', () => {
    expect(definition.TimeoutSeconds).toBe(SEVEN_DAYS + 24 * 60 * 60);
  });

  it.each(TASKS)('%s retries throttling and transient errors with backoff and jitter', (name) => {
    const retry = definition.States[name].Retry as Array<Record<string, unknown>>;
    expect(retry).toHaveLength(1);
    expect(retry[0]).toMatchObject({ IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 4, MaxDelaySeconds: 30, JitterStrategy: 'FULL' });
    const errors = retry[0].ErrorEquals as string[];
    expect(errors.some((error) => /Throttl|ProvisionedThroughputExceeded/.test(error))).toBe(true);
    expect(errors).not.toContain('States.ALL');
  });

  it.each(TASKS)('%s catches States.Timeout, States.TaskFailed and States.ALL into RecordFailure keeping its input', (name) => {
    const catches = definition.States[name].Catch as Array<{ ErrorEquals: string[]; Next: string; ResultPath: string }>;
    expect(catches.slice(-2)).toEqual([
      { ErrorEquals: ['States.Timeout', 'States.TaskFailed'], Next: 'RecordFailure', ResultPath: '$.failure' },
      { ErrorEquals: ['States.ALL'], Next: 'RecordFailure', ResultPath: '$.failure' },
    ]);
  });

  it('records a failure on the report with the error and cause, then fails the execution', () => {
    const state = definition.States.RecordFailure as unknown as { Parameters: { UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> } };
    expect(state.Parameters.UpdateExpression).toMatch(/#status = :failed/);
    expect(state.Parameters.ExpressionAttributeValues).toMatchObject({
      ':failed': { S: 'FAILED' },
      ':error': { 'S.$': '$.failure.Error' },
      ':cause': { 'S.$': '$.failure.Cause' },
    });
    expect(definition.States.ModerationFailed).toMatchObject({ ErrorPath: '$.failure.Error', CausePath: '$.failure.Cause' });
  });

  it('is the definition the twin runs (built from the same construct)', () => {
    const twin = buildModerationDefinition({ tableName: 'ChatTable-Deployed' }).definition;
    // CDK renders QueryLanguage: JSONPath on each state in one synth and not the other; JSONPath is the default, so both mean the same.
    const withoutDefaultLanguage = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/"QueryLanguage":"JSONPath",?/g, '').replace(/,}/g, '}'));
    expect(withoutDefaultLanguage(twin)).toEqual(withoutDefaultLanguage(definition));
  });
});

describe('AppSync -> Step Functions', () => {
  it('is an HTTP data source on the regional endpoint, signed with IAM for states', () => {
    template.hasResourceProperties('AWS::AppSync::DataSource', {
      Name: 'stepFunctions',
      Type: 'HTTP',
      HttpConfig: {
        Endpoint: { 'Fn::Join': ['', ['https://states.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/']] },
        AuthorizationConfig: { AuthorizationType: 'AWS_IAM', AwsIamConfig: { SigningRegion: { Ref: 'AWS::Region' }, SigningServiceName: 'states' } },
      },
    });
  });

  it('may start this state machine and answer its task tokens, and nothing else', () => {
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('stepFunctions') } });
    expect(Object.keys(policies)).toHaveLength(1);
    const statements = Object.values(policies)[0].Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>;
    expect(statements).toHaveLength(1);
    expect(statements[0]).toEqual({ Action: expect.any(Array), Effect: 'Allow', Resource: { Ref: stateMachineId } });
    expect([...(statements[0].Action as string[])].sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess', 'states:StartExecution']);
  });

  it('tells the resolvers the state machine ARN through an environment variable', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      EnvironmentVariables: Match.objectLike({ MODERATION_STATE_MACHINE_ARN: { Ref: stateMachineId } }),
    });
  });
});

describe('workflow events -> AppSync mutations', () => {
  it.each([
    ['ReportOpened', 'publishReport'],
    ['MessageRemovedByModerator', 'deleteMessage'],
  ])('%s calls Mutation.%s with IAM, through a role allowed that field only', (detailType, field) => {
    const rules = template.findResources('AWS::Events::Rule', { Properties: { EventPattern: { source: ['chat.moderation'], 'detail-type': [detailType] } } });
    expect(Object.keys(rules)).toHaveLength(1);
    const [target] = Object.values(rules)[0].Properties.Targets as Array<{ AppSyncParameters: { GraphQLOperation: string }; RoleArn: { 'Fn::GetAtt': [string, string] } }>;
    expect(target.AppSyncParameters.GraphQLOperation).toContain(`${field}(`);
    const roleId = target.RoleArn['Fn::GetAtt'][0];
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string; Resource: unknown }>);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('appsync:GraphQL');
    expect(JSON.stringify(statements[0].Resource)).toContain(`/types/Mutation/fields/${field}`);
  });

  it('the state machine may put events on the default bus only', () => {
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('ModerationStateMachineRole') } });
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
    const putEvents = statements.filter((statement) => statement.Action === 'events:PutEvents');
    expect(putEvents.length).toBeGreaterThan(0);
    for (const statement of putEvents) expect(JSON.stringify(statement.Resource)).toContain(':event-bus/default');
  });
});
