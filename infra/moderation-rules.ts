import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MODERATION_EVENT_SOURCE, moderationEvents } from './moderation-events';

export interface ModerationRulesProps {
  api: appsync.GraphqlApi;
}

/**
 * One EventBridge rule per moderation event (infra/moderation-events.ts): it calls the event's
 * AppSync mutation with IAM, through a role that may call that one field and nothing else.
 */
export class ModerationRules extends Construct {
  constructor(scope: Construct, id: string, props: ModerationRulesProps) {
    super(scope, id);
    for (const [name, event] of Object.entries(moderationEvents)) {
      const role = new iam.Role(this, `${name}Role`, {
        assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
        description: `EventBridge calls Mutation.${event.mutationField} of the chat API for ${event.detailType} events`,
      });
      props.api.grantMutation(role, event.mutationField);
      const variables = Object.fromEntries(event.variables.map((field) => [field, events.EventField.fromPath(`$.detail.${field}`)]));
      new events.Rule(this, name, {
        description: `${event.detailType} from the moderation workflow -> Mutation.${event.mutationField}`,
        eventPattern: { source: [MODERATION_EVENT_SOURCE], detailType: [event.detailType] },
        targets: [new targets.AppSync(props.api, { graphQLOperation: event.graphQLOperation, variables: events.RuleTargetInput.fromObject(variables), eventRole: role })],
      });
    }
  }
}
