/**
 * The moderation state machine's definition for the twin, taken from the CDK construct itself
 * (infra/moderation-workflow.ts), never a second copy: the construct is built in a throwaway
 * stack around the twin's table name, and its DefinitionString is resolved with the pseudo
 * parameters of a local account.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { ModerationWorkflow } from '../../infra/moderation-workflow';

export interface PseudoParameters {
  partition: string;
  region: string;
  accountId: string;
}

export const LOCAL_PSEUDO_PARAMETERS: PseudoParameters = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };

/** Fn::Join and Ref of pseudo parameters: all a definition around a named table contains. */
export function resolvePseudoIntrinsics(value: unknown, pseudo: PseudoParameters): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    if ('Fn::Join' in value) {
      const [delimiter, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
      return parts.map((part) => resolvePseudoIntrinsics(part, pseudo)).join(delimiter);
    }
    if ('Ref' in value) {
      const ref = (value as { Ref: string }).Ref;
      const known: Record<string, string> = {
        'AWS::Partition': pseudo.partition,
        'AWS::Region': pseudo.region,
        'AWS::AccountId': pseudo.accountId,
        'AWS::URLSuffix': 'amazonaws.com',
      };
      if (ref in known) return known[ref];
    }
  }
  throw new Error(`The moderation definition holds an intrinsic the twin cannot resolve: ${JSON.stringify(value)}`);
}

export interface ModerationDefinition {
  definition: Record<string, unknown>;
  stateMachineArn: string;
}

export function buildModerationDefinition(options: { tableName: string; decisionTimeoutSeconds?: number; pseudo?: PseudoParameters }): ModerationDefinition {
  const pseudo = options.pseudo ?? LOCAL_PSEUDO_PARAMETERS;
  // cdk.json's feature flags shape the rendered definition (e.g. QueryLanguage on each state).
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  const app = new App({ context: cdkJson.context ?? {}, outdir: mkdtempSync(join(tmpdir(), 'twin-moderation-')) });
  const stack = new Stack(app, 'TwinModeration');
  const table = dynamodb.Table.fromTableName(stack, 'Table', options.tableName);
  const workflow = new ModerationWorkflow(stack, 'Moderation', {
    table,
    ...(options.decisionTimeoutSeconds === undefined ? {} : { decisionTimeout: Duration.seconds(options.decisionTimeoutSeconds) }),
  });
  const logicalId = stack.getLogicalId(workflow.stateMachine.node.defaultChild as CfnStateMachine);
  // Synthesized as `cdk synth` would: some properties are only rendered then.
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, { Properties: { DefinitionString: unknown } }> };
  rmSync(assembly.directory, { recursive: true, force: true });
  const definitionString = resolvePseudoIntrinsics(template.Resources[logicalId].Properties.DefinitionString, pseudo);
  return {
    definition: JSON.parse(definitionString) as Record<string, unknown>,
    stateMachineArn: `arn:${pseudo.partition}:states:${pseudo.region}:${pseudo.accountId}:stateMachine:chat-moderation`,
  };
}
