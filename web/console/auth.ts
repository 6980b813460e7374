/// <reference lib="dom" />
/**
 * The console's two ways to call the API, as the AppSync console offers them: a user-pool
 * user's JWT in `Authorization`, or SigV4 with an IAM key. One place turns the chosen mode into
 * headers for an HTTP request, the realtime handshake and a subscription's start.
 */
import { fetchAuthSession } from 'aws-amplify/auth';
import { signedPostHeaders, type IamKey } from './sigv4';

/** Which of the user's tokens goes in Authorization. */
export type TokenUse = 'id' | 'access';

export type ConsoleAuth = { mode: 'userPool'; tokenUse: TokenUse } | ({ mode: 'iam' } & IamKey);

const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';

/** The signed-in user's token, or null when nobody is signed in (the API then answers 401). */
async function userPoolToken(tokenUse: TokenUse): Promise<string | null> {
  try {
    const { tokens } = await fetchAuthSession();
    const token = tokenUse === 'id' ? tokens?.idToken : tokens?.accessToken;
    return token ? token.toString() : null;
  } catch {
    return null;
  }
}

async function userPoolHeaders(auth: { tokenUse: TokenUse }): Promise<Record<string, string>> {
  const token = await userPoolToken(auth.tokenUse);
  return token ? { Authorization: token } : {};
}

/** Headers for POST <endpoint> with `body` (the browser sets host itself). */
export async function httpAuthHeaders(auth: ConsoleAuth, endpoint: string, region: string, body: string): Promise<Record<string, string>> {
  const base = { 'content-type': JSON_CONTENT_TYPE };
  if (auth.mode === 'userPool') return { ...base, ...(await userPoolHeaders(auth)) };
  const signed = await signedPostHeaders(endpoint, body, base, region, auth);
  delete signed.host; // a forbidden header in fetch; the browser sends the same value
  return signed;
}

/**
 * The realtime header object: host plus the authorization. For IAM, a signed POST of "{}" to
 * <endpoint>/connect with the headers Amplify signs (AppSync's documented handshake).
 */
export async function realtimeConnectHeader(auth: ConsoleAuth, endpoint: string, region: string): Promise<Record<string, string>> {
  const host = new URL(endpoint).host;
  if (auth.mode === 'userPool') return { host, ...(await userPoolHeaders(auth)) };
  return signedPostHeaders(
    `${endpoint}/connect`,
    '{}',
    { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': JSON_CONTENT_TYPE },
    region,
    auth,
  );
}

/** A start's extensions.authorization: for IAM the signature covers POST <endpoint> with `data`. */
export async function realtimeStartAuthorization(auth: ConsoleAuth, endpoint: string, region: string, data: string): Promise<Record<string, string>> {
  const host = new URL(endpoint).host;
  if (auth.mode === 'userPool') return { host, ...(await userPoolHeaders(auth)) };
  return signedPostHeaders(
    endpoint,
    data,
    { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': JSON_CONTENT_TYPE },
    region,
    auth,
  );
}
