/**
 * The CDK app of the chat API (`npx cdk synth`, `npx cdk deploy`). The stack is
 * environment-agnostic: account and region come from the deploying credentials.
 * cdk-nag's AwsSolutions checks run on every synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ChatStack } from './chat-stack';
import { REMOVAL_POLICY_CONTEXT_KEY, removalPolicyFromContext } from './removal-policy';
import { DEFAULT_STACK_NAME } from './stack-outputs';

export function buildApp(app: App = new App()): { app: App; stack: ChatStack } {
  const stack = new ChatStack(app, DEFAULT_STACK_NAME, {
    description: 'Realtime chat API: AppSync GraphQL (APPSYNC_JS), Cognito user pool with groups, DynamoDB',
    removalPolicy: removalPolicyFromContext(app.node.tryGetContext(REMOVAL_POLICY_CONTEXT_KEY)),
  });
  // cdk-nag 3 is a CDK policy-validation plugin: a finding not acknowledged fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

if (require.main === module) {
  buildApp().app.synth();
}
