/**
 * Request-level authentication of POST /graphql, as AppSync does it before any field runs: a
 * SigV4 signature (AWS_IAM) or a user-pool JWT (the default mode). Failures are whole-request
 * HTTP errors (401 UnauthorizedException, or the 403s of SigV4).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { buildCognitoIdentity } from '../auth/identity';
import type { LocalCredentials } from '../auth/local-credentials';
import { verifySigV4Request } from '../auth/sigv4';
import type { UserPool } from '../auth/user-pool';
import { MESSAGE_NOT_PROVIDED, verifyUserPoolToken } from '../auth/verify-token';
import type { Caller } from '../graphql/auth-directives';

export type HttpAuthResult =
  | { ok: true; caller: Caller; identity: unknown }
  | { ok: false; status: number; errorType: string; message: string };

export interface HttpAuthInput {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  sourceIp: string[];
}

export async function authenticateHttpRequest(
  input: HttpAuthInput,
  deps: { pool: UserPool; credentials: LocalCredentials; region: string },
): Promise<HttpAuthResult> {
  const authorization = input.headers.authorization;
  if (!authorization) return { ok: false, status: 401, errorType: 'UnauthorizedException', message: MESSAGE_NOT_PROVIDED };
  if (/^AWS4-HMAC-SHA256\s/.test(authorization)) {
    const verified = await verifySigV4Request(
      { method: input.method, url: input.url, headers: input.headers, body: input.body },
      deps.credentials,
      { service: 'appsync', region: deps.region, sourceIp: input.sourceIp },
    );
    if (!verified.ok) return { ok: false, status: verified.status, errorType: verified.errorType, message: verified.message };
    return { ok: true, caller: { mode: 'iam' }, identity: verified.identity };
  }
  const verified = await verifyUserPoolToken(deps.pool, authorization);
  if (!verified.ok) return { ok: false, status: 401, errorType: 'UnauthorizedException', message: verified.message };
  const identity = buildCognitoIdentity(verified.claims, input.sourceIp, 'ALLOW');
  return { ok: true, caller: { mode: 'userPool', groups: identity.groups }, identity };
}
