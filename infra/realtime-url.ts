import { Fn } from 'aws-cdk-lib';

/**
 * The AppSync realtime endpoint of a standard-domain API: the GraphQL host with "appsync-api"
 * replaced by "appsync-realtime-api", the scheme wss, the path unchanged
 * (reference/appsync-realtime-and-amplify.md §2.1).
 */
export function realtimeUrlOf(graphqlUrl: string): string {
  return graphqlUrl.replace('appsync-api', 'appsync-realtime-api').replace(/^https:\/\//, 'wss://');
}

/**
 * The same derivation for a deploy-time value (a CloudFormation token): split and join do
 * the replacing, since the URL is known only when CloudFormation creates the API.
 */
export function realtimeUrlToken(graphqlUrl: string): string {
  const realtimeHost = Fn.join('appsync-realtime-api', Fn.split('appsync-api', graphqlUrl));
  return Fn.join('wss://', Fn.split('https://', realtimeHost));
}
