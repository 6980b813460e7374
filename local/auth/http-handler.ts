// node:http glue: the twin mounts the user pool with one line,
//   if (await cognito(req, res)) return;
// It answers Cognito API calls (POST with x-amz-target, on any path, since Amplify posts to
// userPoolEndpoint exactly as configured), the pool's JWKS and OpenID configuration, and the
// CORS preflights for both.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from './cognito-error';
import { errorResponse, handleCognitoRequest, TARGET_PREFIX } from './cognito-api';
import type { UserPool } from './user-pool';

const MAX_BODY_BYTES = 1024 * 1024;

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
};

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...CORS_HEADERS, ...headers, 'content-length': Buffer.byteLength(body).toString() });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function openIdConfiguration(pool: UserPool): Record<string, unknown> {
  return {
    issuer: pool.issuer,
    jwks_uri: `${pool.issuer}/.well-known/jwks.json`,
    response_types_supported: ['code', 'token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  };
}

export type CognitoHttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function createCognitoHttpHandler(pool: UserPool): CognitoHttpHandler {
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname;
    const target = req.headers['x-amz-target'];
    const wellKnown = path === `/${pool.poolId}/.well-known/jwks.json` || path === `/${pool.poolId}/.well-known/openid-configuration`;

    if (req.method === 'OPTIONS') {
      const requested = String(req.headers['access-control-request-headers'] ?? '').toLowerCase();
      if (!wellKnown && !requested.split(',').map((h) => h.trim()).includes('x-amz-target')) return false;
      send(res, 204, {
        'access-control-allow-methods': 'GET,POST,OPTIONS',
        'access-control-allow-headers': requested || '*',
        'access-control-max-age': '86400',
      }, '');
      return true;
    }

    if (req.method === 'GET' && wellKnown) {
      const body = path.endsWith('jwks.json') ? pool.jwks() : openIdConfiguration(pool);
      send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(body));
      return true;
    }

    if (req.method === 'POST' && typeof target === 'string' && target.startsWith(TARGET_PREFIX)) {
      const body = await readBody(req);
      const answer =
        body === undefined
          ? errorResponse(new CognitoError('InvalidParameterException', 'Request body is too large.'))
          : await handleCognitoRequest(pool, { target, body, headers: req.headers, method: req.method, url: req.url });
      send(res, answer.status, answer.headers, answer.body);
      return true;
    }
    return false;
  };
}
