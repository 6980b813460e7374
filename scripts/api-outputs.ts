/**
 * What the command-line scripts need from amplify_outputs.json (the one `npm start` writes for
 * the twin, or `npm run outputs` for a deployed stack): the GraphQL URL, the user pool's client
 * and region, and from those the Cognito and realtime endpoints.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ApiOutputs {
  graphqlUrl: string;
  region: string;
  clientId: string;
  /** The Cognito Identity Provider API: the twin serves it at its own origin. */
  cognitoEndpoint: string;
  /** AppSync's realtime endpoint for graphqlUrl. */
  realtimeUrl: string;
  onTwin: boolean;
}

interface OutputsFile {
  auth?: { aws_region?: string; user_pool_client_id?: string };
  data?: { url?: string };
}

/** True for AppSync's own host names; the twin (any other host) serves Cognito itself. */
function isAwsHost(url: URL): boolean {
  return /\.amazonaws\.com(\.cn)?$/.test(url.hostname);
}

export function readApiOutputs(path = process.env.AMPLIFY_OUTPUTS ?? 'amplify_outputs.json'): ApiOutputs {
  const file = resolve(path);
  let outputs: OutputsFile;
  try {
    outputs = JSON.parse(readFileSync(file, 'utf8')) as OutputsFile;
  } catch {
    throw new Error(`cannot read ${file}: start the twin (npm start) or write the stack's outputs (npm run outputs) first`);
  }
  const graphqlUrl = outputs.data?.url;
  const clientId = outputs.auth?.user_pool_client_id;
  const region = outputs.auth?.aws_region ?? 'us-east-1';
  if (!graphqlUrl || !clientId) throw new Error(`${file} has no data.url or auth.user_pool_client_id`);
  const url = new URL(graphqlUrl);
  const onTwin = !isAwsHost(url);
  return {
    graphqlUrl,
    region,
    clientId,
    cognitoEndpoint: onTwin ? `${url.origin}/` : `https://cognito-idp.${region}.amazonaws.com/`,
    // As Amplify derives it; the twin's plain-http port also speaks ws://, so no CA is needed.
    realtimeUrl: onTwin
      ? `${graphqlUrl.replace(/^http/, 'ws')}/realtime`
      : graphqlUrl.replace('https://', 'wss://').replace('appsync-api', 'appsync-realtime-api'),
    onTwin,
  };
}
