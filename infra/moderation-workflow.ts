import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { REPORT_INDEX_SK_PREFIX, REPORT_PK_PREFIX, REPORT_SK, REPORT_STATUS_INDEX_PREFIX } from '../resolvers/lib/keys';
import { MODERATION_EVENT_SOURCE, moderationEvents } from './moderation-events';

/** How long a report waits for a moderator before it is dismissed. */
export const DEFAULT_DECISION_TIMEOUT = Duration.days(7);

/** State names: the twin's fault injection and the tests name states by these. */
export const moderationStates = {
  recordReport: 'RecordReport',
  notifyModerators: 'NotifyModerators',
  waitForDecision: 'WaitForDecision',
  dismissOnTimeout: 'DismissOnTimeout',
  decide: 'Decide',
  removeMessage: 'RemoveMessage',
  closeReport: 'CloseReport',
  recordFailure: 'RecordFailure',
  failed: 'ModerationFailed',
  done: 'Done',
} as const;

/**
 * Errors worth retrying: throttling and transient service errors, as the optimized DynamoDB
 * integration ("DynamoDB."), the AWS SDK integration ("DynamoDb.") and EventBridge name them.
 */
export const TRANSIENT_DYNAMODB_ERRORS = [
  'DynamoDB.ProvisionedThroughputExceededException',
  'DynamoDB.RequestLimitExceeded',
  'DynamoDB.ThrottlingException',
  'DynamoDB.InternalServerErrorException',
  'DynamoDb.ProvisionedThroughputExceededException',
  'DynamoDb.RequestLimitExceededException',
  'DynamoDb.ThrottlingException',
  'DynamoDb.InternalServerErrorException',
];
export const TRANSIENT_EVENTBRIDGE_ERRORS = ['EventBridge.InternalException', 'EventBridge.ThrottlingException'];
export const RETRY_POLICY = { interval: Duration.seconds(1), backoffRate: 2, maxAttempts: 4, maxDelay: Duration.seconds(30), jitterStrategy: sfn.JitterType.FULL } as const;

export interface ModerationWorkflowProps {
  table: dynamodb.ITable;
  /** Default DEFAULT_DECISION_TIMEOUT (7 days). The twin's tests pass seconds. */
  decisionTimeout?: Duration;
  /** Execution logs and X-Ray: on AWS; the twin builds the definition only. */
  observability?: { removalPolicy: RemovalPolicy };
}

const S = (path: string) => tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt(path));
const literal = (value: string) => tasks.DynamoAttributeValue.fromString(value);
const reportKey = {
  PK: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.format(`${REPORT_PK_PREFIX}{}`, sfn.JsonPath.stringAt('$.report.id'))),
  SK: literal(REPORT_SK),
};
const statusIndex = (status: string) => literal(`${REPORT_STATUS_INDEX_PREFIX}${status}`);
const reportIndexSk = () => tasks.DynamoAttributeValue.fromString(sfn.JsonPath.format(`${REPORT_INDEX_SK_PREFIX}{}`, sfn.JsonPath.stringAt('$.report.id')));

/**
 * The moderation workflow (Standard): record the report, tell the moderators, wait for a
 * decision with .waitForTaskToken (the token is stored on the report; resolveReport sends
 * SendTaskSuccess), then remove the message or dismiss. No decision within the timeout
 * dismisses; any failure is recorded on the report (status FAILED) and fails the execution.
 *
 * Input: { report: { id, roomId, messageId, reporterId, reason, createdAt } } (reportMessage).
 * Output of WaitForDecision (resolveReport's SendTaskSuccess): { decision, status, decidedBy, note, decidedAt }.
 */
export class ModerationWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: ModerationWorkflowProps) {
    super(scope, id);
    const { table } = props;
    const retry = (state: sfn.TaskStateBase, errors: string[]) => state.addRetry({ errors, ...RETRY_POLICY });

    const recordFailure = new tasks.DynamoUpdateItem(this, moderationStates.recordFailure, {
      table,
      key: reportKey,
      // The report may not exist yet (RecordReport failed): write every field it needs.
      updateExpression:
        'SET #status = :failed, GSI1PK = :index, GSI1SK = :indexSk, reportId = :id, roomId = :roomId, messageId = :messageId, reporterId = :reporterId, reason = :reason, createdAt = :createdAt, failureError = :error, failureCause = :cause REMOVE taskToken',
      expressionAttributeNames: { '#status': 'status' },
      expressionAttributeValues: {
        ':failed': literal('FAILED'),
        ':index': statusIndex('FAILED'),
        ':indexSk': reportIndexSk(),
        ':id': S('$.report.id'),
        ':roomId': S('$.report.roomId'),
        ':messageId': S('$.report.messageId'),
        ':reporterId': S('$.report.reporterId'),
        ':reason': S('$.report.reason'),
        ':createdAt': S('$.report.createdAt'),
        ':error': S('$.failure.Error'),
        ':cause': S('$.failure.Cause'),
      },
      resultPath: sfn.JsonPath.DISCARD,
    });
    retry(recordFailure, TRANSIENT_DYNAMODB_ERRORS);
    recordFailure.next(new sfn.Fail(this, moderationStates.failed, { errorPath: '$.failure.Error', causePath: '$.failure.Cause' }));

    // Every task: a failure keeps the input and adds $.failure = { Error, Cause }.
    // States.TaskFailed matches every task error but States.Timeout; States.ALL (alone, last) the rest.
    const catchAll = (state: sfn.TaskStateBase) =>
      state
        .addCatch(recordFailure, { errors: [sfn.Errors.TIMEOUT, sfn.Errors.TASKS_FAILED], resultPath: '$.failure' })
        .addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });

    const recordReport = new tasks.DynamoPutItem(this, moderationStates.recordReport, {
      table,
      item: {
        ...reportKey,
        GSI1PK: statusIndex('OPEN'),
        GSI1SK: reportIndexSk(),
        reportId: S('$.report.id'),
        roomId: S('$.report.roomId'),
        messageId: S('$.report.messageId'),
        reporterId: S('$.report.reporterId'),
        reason: S('$.report.reason'),
        createdAt: S('$.report.createdAt'),
        status: literal('OPEN'),
      },
      resultPath: sfn.JsonPath.DISCARD,
    });
    retry(recordReport, TRANSIENT_DYNAMODB_ERRORS);
    catchAll(recordReport);

    const opened = moderationEvents.reportOpened;
    const notifyModerators = new tasks.EventBridgePutEvents(this, moderationStates.notifyModerators, {
      entries: [
        {
          source: MODERATION_EVENT_SOURCE,
          detailType: opened.detailType,
          detail: sfn.TaskInput.fromObject(Object.fromEntries(opened.variables.map((name) => [name, sfn.JsonPath.stringAt(`$.report.${name}`)]))),
        },
      ],
      resultPath: sfn.JsonPath.DISCARD,
    });
    retry(notifyModerators, TRANSIENT_EVENTBRIDGE_ERRORS);
    catchAll(notifyModerators);

    // The optimized DynamoDB integration has no callback pattern; the SDK integration does.
    const waitForDecision = new tasks.CallAwsService(this, moderationStates.waitForDecision, {
      service: 'dynamodb',
      action: 'updateItem',
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      iamResources: [table.tableArn],
      iamAction: 'dynamodb:UpdateItem',
      parameters: {
        TableName: table.tableName,
        Key: { PK: { S: sfn.JsonPath.format(`${REPORT_PK_PREFIX}{}`, sfn.JsonPath.stringAt('$.report.id')) }, SK: { S: REPORT_SK } },
        UpdateExpression: 'SET taskToken = :token',
        ExpressionAttributeValues: { ':token': { S: sfn.JsonPath.taskToken } },
      },
      taskTimeout: sfn.Timeout.duration(props.decisionTimeout ?? DEFAULT_DECISION_TIMEOUT),
      resultPath: '$.decision',
    });
    retry(waitForDecision, TRANSIENT_DYNAMODB_ERRORS);

    const closeReport = new tasks.DynamoUpdateItem(this, moderationStates.closeReport, {
      table,
      key: reportKey,
      updateExpression: 'SET #status = :status, GSI1PK = :index, decidedBy = :decidedBy, note = :note, decidedAt = :decidedAt REMOVE taskToken',
      expressionAttributeNames: { '#status': 'status' },
      expressionAttributeValues: {
        ':status': S('$.decision.status'),
        ':index': tasks.DynamoAttributeValue.fromString(sfn.JsonPath.format(`${REPORT_STATUS_INDEX_PREFIX}{}`, sfn.JsonPath.stringAt('$.decision.status'))),
        ':decidedBy': S('$.decision.decidedBy'),
        ':note': S('$.decision.note'),
        ':decidedAt': S('$.decision.decidedAt'),
      },
      resultPath: sfn.JsonPath.DISCARD,
    });
    retry(closeReport, TRANSIENT_DYNAMODB_ERRORS);
    catchAll(closeReport);
    closeReport.next(new sfn.Succeed(this, moderationStates.done));

    // No decision in time: the report is dismissed, as a moderator's "dismiss" would.
    const dismissOnTimeout = new sfn.Pass(this, moderationStates.dismissOnTimeout, {
      parameters: {
        decision: 'DISMISS',
        status: 'DISMISSED',
        decidedBy: 'timeout',
        note: 'No moderator decided before the timeout',
        'decidedAt.$': '$$.State.EnteredTime',
      },
      resultPath: '$.decision',
    });
    dismissOnTimeout.next(closeReport);
    waitForDecision.addCatch(dismissOnTimeout, { errors: [sfn.Errors.TIMEOUT], resultPath: '$.timeout' });
    catchAll(waitForDecision);

    const removed = moderationEvents.messageRemoved;
    const removeMessage = new tasks.EventBridgePutEvents(this, moderationStates.removeMessage, {
      entries: [
        {
          source: MODERATION_EVENT_SOURCE,
          detailType: removed.detailType,
          detail: sfn.TaskInput.fromObject(Object.fromEntries(removed.variables.map((name) => [name, sfn.JsonPath.stringAt(`$.report.${name}`)]))),
        },
      ],
      resultPath: sfn.JsonPath.DISCARD,
    });
    retry(removeMessage, TRANSIENT_EVENTBRIDGE_ERRORS);
    catchAll(removeMessage);
    removeMessage.next(closeReport);

    const decide = new sfn.Choice(this, moderationStates.decide)
      .when(sfn.Condition.stringEquals('$.decision.decision', 'REMOVE'), removeMessage)
      .otherwise(closeReport);

    const definition = recordReport.next(notifyModerators).next(waitForDecision).next(decide);

    const observability = props.observability;
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      comment: 'Chat moderation: record a report, notify moderators, wait for a decision, remove or dismiss',
      // Past every wait the workflow may do (decision timeout plus retries), as a backstop.
      timeout: (props.decisionTimeout ?? DEFAULT_DECISION_TIMEOUT).plus(Duration.days(1)),
      ...(observability
        ? {
            tracingEnabled: true,
            logs: {
              // ALL without execution data: report reasons and task tokens stay out of the logs.
              level: sfn.LogLevel.ALL,
              includeExecutionData: false,
              destination: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: observability.removalPolicy }),
            },
          }
        : {}),
    });
  }
}
