import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../../infra/app';
import type { ChatStack } from '../../infra/chat-stack';
import { readCdkJson } from './support/chat-app';

let app: App;
let stack: ChatStack;
let report: PolicyValidationPluginReport;
const outdir = mkdtempSync(join(tmpdir(), 'chat-nag-'));

beforeAll(() => {
  app = new App({ context: readCdkJson().context, outdir });
  stack = buildApp(app).stack;
  report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

/** Every acknowledgement in the stack: [construct path relative to the stack, rule id, reason]. */
function acknowledgements(): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push([construct.node.path.replace(`${stack.node.path}/`, ''), id.replace(/^Annotation::/, ''), reason]);
      }
    }
  }
  return found;
}

const LOG_RETENTION = /^LogRetention[0-9a-f]{32}$/;

describe('cdk-nag AwsSolutions checks', () => {
  it('report no unacknowledged finding, error or warning', () => {
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it.each([
    ['Auth/UserPool/Resource', 'AwsSolutions-COG2'],
    ['Auth/UserPool/Resource', 'AwsSolutions-COG8'],
    ['GraphQL/Api/Resource', 'AwsSolutions-ASC3'],
    [
      'GraphQL/Api/ApiLogsRole/Resource',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs]',
    ],
    ['GraphQL/Api/chatTable/ServiceRole/DefaultPolicy/Resource', 'AwsSolutions-IAM5[Resource::<DataTableFDBAD0F2.Arn>/index/*]'],
    [
      'LogRetention…/ServiceRole/Resource',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    ],
    ['LogRetention…/ServiceRole/DefaultPolicy/Resource', 'AwsSolutions-IAM5[Resource::*]'],
    ['Moderation/StateMachine/Role/DefaultPolicy/Resource', 'AwsSolutions-IAM5[Resource::*]'],
  ])('acknowledge on %s only %s, with a reason', (path, id) => {
    const matches = acknowledgements().filter(
      ([ackPath, ackId]) => ackId === id && ackPath.replace(/^LogRetention[0-9a-f]{32}/, 'LogRetention…') === path,
    );
    expect(matches).toHaveLength(1);
    expect(matches[0][2].length).toBeGreaterThan(60);
  });

  it('acknowledge nothing else, and nothing stack-wide', () => {
    const all = acknowledgements();
    expect(all).toHaveLength(8);
    for (const [path] of all) {
      expect(path).toMatch(/\/Resource$/);
      expect(['Auth', 'GraphQL', 'Moderation'].includes(path.split('/')[0]) || LOG_RETENTION.test(path.split('/')[0])).toBe(true);
    }
  });

  it('fail the app synth on a finding nobody acknowledged', () => {
    new iam.Role(stack, 'UnreviewedRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    });
    // buildApp registered AwsSolutionsChecks as a validation plugin of the app.
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/ReadOnlyAccess\]/);
    const rerun = new AwsSolutionsChecks().validateScope(stack);
    expect(rerun.violations.map((violation) => [violation.ruleName, violation.violatingResources.map((r) => r.constructPath)])).toEqual([
      ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess]', ['ChatApi/UnreviewedRole/Resource']],
    ]);
  });
});
