/**
 * Callers for authorization tests, built for real: tokens from sign-ins, tokens forged the ways
 * an attacker would (another key, alg none, an edited payload, re-signed claims), and SigV4
 * signatures with the twin's local key. An identity authorizes an HTTP POST to /graphql and an
 * AppSync realtime connection and start, each in the shape AppSync documents for its mode.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { UserPool } from '../../../local/auth';

export interface Identity {
  /** Headers for POST /graphql with this body (none for a caller without credentials). */
  httpHeaders(body: string): Promise<Record<string, string>>;
  /** The header object of the realtime connection. */
  connectionHeader(): Promise<Record<string, string>>;
  /** `extensions.authorization` of a realtime start whose `payload.data` is `data`. */
  startAuthorization(data: string): Promise<Record<string, string>>;
}

/** A user-pool caller: `Authorization: <token>` on HTTP, `{host, Authorization}` on the socket. */
export function tokenIdentity(graphqlUrl: string, token: string): Identity {
  const host = new URL(graphqlUrl).host;
  return {
    httpHeaders: async () => ({ authorization: token }),
    connectionHeader: async () => ({ host, Authorization: token }),
    startAuthorization: async () => ({ host, Authorization: token }),
  };
}

/** No credentials at all: no Authorization header, a header object with only the host. */
export function anonymousIdentity(graphqlUrl: string): Identity {
  const host = new URL(graphqlUrl).host;
  return {
    httpHeaders: async () => ({}),
    connectionHeader: async () => ({ host }),
    startAuthorization: async () => ({ host }),
  };
}

export interface IamKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Headers AppSync's realtime IAM mode signs besides host (AWS's "real-time WebSocket client" page). */
const REALTIME_SIGNED_HEADERS = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

async function sigV4Headers(url: URL, body: string, headers: Record<string, string>, region: string, key: IamKey): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 'appsync', region, credentials: key, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: { host: url.host, ...headers },
      body,
    }),
  );
  return signed.headers as Record<string, string>;
}

/** The header object AppSync's docs show for IAM: the signed headers, `Authorization` capitalised. */
function asHeaderObject(headers: Record<string, string>): Record<string, string> {
  const { authorization, ...rest } = headers;
  return { ...rest, Authorization: authorization };
}

/**
 * An AWS_IAM caller signing with `key` (service appsync): the HTTP request itself; on the socket,
 * a POST of `{}` to `<graphql url>/connect` for the connection and a POST of the start's data to
 * the GraphQL URL for each start, as AppSync documents.
 */
export function iamIdentity(graphqlUrl: string, region: string, key: IamKey): Identity {
  const url = new URL(graphqlUrl);
  const connectUrl = new URL(`${graphqlUrl}/connect`);
  return {
    httpHeaders: (body) => sigV4Headers(url, body, { 'content-type': 'application/json' }, region, key),
    connectionHeader: async () => asHeaderObject(await sigV4Headers(connectUrl, '{}', REALTIME_SIGNED_HEADERS, region, key)),
    startAuthorization: async (data) => asHeaderObject(await sigV4Headers(url, data, REALTIME_SIGNED_HEADERS, region, key)),
  };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The token's claims, signed by a fresh RSA key that is not the pool's, under the pool's kid. */
export async function signedWithAnotherKey(token: string): Promise<string> {
  const { kid } = decodeProtectedHeader(token);
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(decodeJwt(token)).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
}

/** The token's header and claims with `alg: none` and an empty signature. */
export function unsignedToken(token: string): string {
  return `${base64url({ ...decodeProtectedHeader(token), alg: 'none' })}.${base64url(decodeJwt(token))}.`;
}

/** The token with its payload changed after signing: the original signature is kept. */
export function editedAfterSigning(token: string, change: (claims: JWTPayload) => JWTPayload): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url(change(decodeJwt(token)))}.${signature}`;
}

/** The token's claims changed and signed again with the pool's own key for that kind of token. */
export function resignedByPool(pool: UserPool, kind: 'id' | 'access', token: string, change: (claims: JWTPayload) => JWTPayload): Promise<string> {
  const key = pool.keys[kind];
  return new SignJWT(change(decodeJwt(token))).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey);
}
