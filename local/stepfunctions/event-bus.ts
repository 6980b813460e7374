/**
 * The twin's default event bus, for the moderation workflow's events only: each event becomes
 * the AppSync mutation its EventBridge rule calls on AWS (infra/moderation-events.ts), run
 * with an IAM identity like the rule's role. Delivery is asynchronous, as EventBridge's is.
 */
import type { Logger } from 'pino';
import { MODERATION_EVENT_SOURCE, moderationEvents } from '../../infra/moderation-events';
import type { GraphQLApi } from '../graphql/api';

export const EVENT_RULE_ROLE_ARN = 'arn:aws:sts::000000000000:assumed-role/ModerationEventsRole/events';

export function createModerationEventBus(api: () => GraphQLApi, log: Logger) {
  return (entries: Array<{ Source: string; DetailType: string; Detail: string }>): void => {
    for (const entry of entries) {
      const event = Object.values(moderationEvents).find((candidate) => entry.Source === MODERATION_EVENT_SOURCE && candidate.detailType === entry.DetailType);
      if (!event) continue; // No rule matches: EventBridge drops it too.
      const detail = JSON.parse(entry.Detail) as Record<string, unknown>;
      const variables = Object.fromEntries(event.variables.map((name) => [name, detail[name]]));
      void api()
        .execute({
          query: event.graphQLOperation,
          variables,
          caller: { mode: 'iam' },
          identity: { accountId: '000000000000', cognitoIdentityPoolId: null, cognitoIdentityId: null, sourceIp: [], username: 'events', userArn: EVENT_RULE_ROLE_ARN, cognitoIdentityAuthType: null, cognitoIdentityAuthProvider: null },
          headers: {},
        })
        .then((response) => {
          if (response.errors?.length) log.warn({ detailType: entry.DetailType, errors: response.errors }, 'moderation event target failed');
        })
        .catch((error: unknown) => log.error({ err: error, detailType: entry.DetailType }, 'moderation event target threw'));
    }
  };
}
