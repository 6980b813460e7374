import { CfnElement, Validations, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { CHAT_TABLE_DATA_SOURCE } from '../resolvers/wiring';

/**
 * The cdk-nag AwsSolutions findings the chat stack accepts, each acknowledged on the one
 * construct it concerns and with its reason (cdk-nag 3 uses CDK's `Validations.acknowledge`).
 * Everything else must pass: test/infra/nag.test.ts fails on any other finding.
 */
export function addNagSuppressions(stack: Stack): void {
  const userPool = find(stack, 'Auth/UserPool/Resource');
  Validations.of(userPool).acknowledge(
    {
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is OPTIONAL (TOTP), not REQUIRED: chat clients sign in with SRP through Amplify and the local twin, which has no MFA challenge; set mfa REQUIRED for a deployment that needs it.',
    },
    {
      id: 'AwsSolutions-COG8',
      reason:
        'The Essentials feature plan avoids the per-user Plus charge for a starter stack; the pool enforces a strong password policy and self sign-up is disabled, so only invited users exist.',
    },
  );

  Validations.of(find(stack, 'GraphQL/Api/Resource')).acknowledge({
    id: 'AwsSolutions-ASC3',
    reason:
      'Field logging is on at ERROR with a CloudWatch role; verbose content is excluded on purpose so chat message text, request headers and tokens never reach the logs.',
  });

  Validations.of(find(stack, 'GraphQL/Api/ApiLogsRole/Resource')).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs]',
    reason:
      'AWSAppSyncPushToCloudWatchLogs is the AWS managed policy made for the AppSync logging role; it allows only CloudWatch Logs writes.',
  });

  const table = find(stack, 'Data/Table/Resource');
  if (!(table instanceof CfnElement)) throw new Error('The chat table is not a CloudFormation resource');
  Validations.of(find(stack, `GraphQL/Api/${CHAT_TABLE_DATA_SOURCE}/ServiceRole/DefaultPolicy/Resource`)).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(table)}.Arn>/index/*]`,
    reason:
      'The chat table data source queries the GSI "rooms of a user"; the wildcard covers only the indexes of this one table.',
  });

  Validations.of(find(stack, 'Moderation/StateMachine/Role/DefaultPolicy/Resource')).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Step Functions execution logging (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) support no resource-level permissions, so AWS documents Resource "*" for them; the DynamoDB and EventBridge statements name the chat table and the default bus.',
  });

  // CDK sets the API log group's retention through its LogRetention singleton function.
  const logRetention = stack.node.children.find((child) => child.node.id.startsWith('LogRetention'));
  if (!logRetention) throw new Error('The LogRetention function of the API log group is missing');
  Validations.of(find(logRetention, 'ServiceRole/Resource')).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "AWSLambdaBasicExecutionRole lets CDK's LogRetention function (which sets the API log group's retention) write its own logs; nothing else.",
  });
  Validations.of(find(logRetention, 'ServiceRole/DefaultPolicy/Resource')).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      "CDK's LogRetention function must set the retention of the API log group, whose name contains the API id known only at deploy time; its actions are limited to logs:PutRetentionPolicy and logs:DeleteRetentionPolicy.",
  });
}

function find(scope: IConstruct, path: string): IConstruct {
  let node = scope;
  for (const id of path.split('/')) {
    const child = node.node.tryFindChild(id);
    if (!child) throw new Error(`No construct at ${scope.node.path}/${path}`);
    node = child;
  }
  return node;
}
