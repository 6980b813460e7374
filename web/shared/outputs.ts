/// <reference lib="dom" />
/**
 * Both pages configure Amplify from the amplify_outputs.json on their own origin, so the same
 * build works against the twin and against a deployed stack.
 */
import { Amplify } from 'aws-amplify';

/** What the twin adds under `custom.twin` (a deployed stack has none of it). */
export interface TwinExtras {
  /** Amplify's Auth.Cognito.userPoolEndpoint: the twin serves Cognito on its own origin. */
  userPoolEndpoint: string;
  /** The seeded users, offered as sign-in hints. */
  users: Array<{ username: string; password: string; groups: string[] }>;
  /** The twin's one local IAM key, for the console's SigV4 mode (the banner prints it too). */
  iam?: { accessKeyId: string; secretAccessKey: string };
}

export interface LoadedOutputs {
  graphqlUrl: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  twin: TwinExtras | null;
}

interface OutputsFile {
  auth?: { aws_region?: string; user_pool_id?: string; user_pool_client_id?: string };
  data?: { url?: string; aws_region?: string };
  custom?: { twin?: TwinExtras };
}

/** Fetches amplify_outputs.json and configures Amplify with it (plus the twin's endpoint). */
export async function loadOutputs(): Promise<LoadedOutputs> {
  // Relative to the page, so a build served under a sub-path (https://host/chat/) finds its own.
  const response = await fetch(new URL('amplify_outputs.json', location.href), { cache: 'no-store' });
  if (!response.ok) throw new Error(`amplify_outputs.json is missing on this origin (HTTP ${response.status}).`);
  const outputs = (await response.json()) as OutputsFile;
  const { auth, data } = outputs;
  if (!auth?.user_pool_id || !auth.user_pool_client_id || !data?.url) {
    throw new Error('amplify_outputs.json has no auth or data section.');
  }
  const twin = outputs.custom?.twin ?? null;
  Amplify.configure(outputs as Parameters<typeof Amplify.configure>[0]);
  if (twin) {
    const config = Amplify.getConfig();
    const cognito = { ...config.Auth?.Cognito, userPoolEndpoint: twin.userPoolEndpoint } as { userPoolId: string; userPoolClientId: string; userPoolEndpoint: string };
    Amplify.configure({ ...config, Auth: { Cognito: cognito } });
  }
  return {
    graphqlUrl: data.url,
    region: data.aws_region ?? auth.aws_region ?? 'us-east-1',
    userPoolId: auth.user_pool_id,
    userPoolClientId: auth.user_pool_client_id,
    twin,
  };
}
