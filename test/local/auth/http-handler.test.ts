// createCognitoHttpHandler on a real server: JWKS and OpenID configuration (a standard remote
// JWKS verifier accepts the pool's tokens), CORS preflights, and requests it leaves alone.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { servePool, type ServedPool } from './serve-pool';
import { signInWithPassword } from './sign-in';

let pool: UserPool;
let served: ServedPool;

beforeAll(async () => {
  pool = await UserPool.open();
  served = await servePool(pool);
});

afterAll(async () => {
  await served.close();
});

describe('createCognitoHttpHandler', () => {
  it('serves the JWKS at <iss>/.well-known/jwks.json, usable by a standard verifier', async () => {
    const response = await fetch(`${served.baseUrl}/${pool.poolId}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(2);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
    const tokens = await signInWithPassword(pool, 'alice', SEED_USERS[0].password);
    const issuer = `${served.baseUrl}/${pool.poolId}`;
    const remote = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(tokens.IdToken, remote, { issuer, audience: pool.clientId });
    expect(payload['cognito:username']).toBe('alice');
  });

  it('serves the OpenID configuration with this server as issuer', async () => {
    const response = await fetch(`${served.baseUrl}/${pool.poolId}/.well-known/openid-configuration`);
    expect(await response.json()).toMatchObject({
      issuer: `${served.baseUrl}/${pool.poolId}`,
      jwks_uri: `${served.baseUrl}/${pool.poolId}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('answers the CORS preflight of a browser Cognito call', async () => {
    const response = await fetch(`${served.baseUrl}/`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,x-amz-target,x-amz-user-agent');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('answers a Cognito call on any path with the JSON 1.1 content type', async () => {
    const response = await fetch(`${served.baseUrl}/cognito`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'nope' } }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException');
    expect(await response.json()).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it.each([
    ['a GraphQL POST', 'POST', '/graphql', { 'content-type': 'application/json' }],
    ['the JWKS of another pool', 'GET', '/us-east-1_Other0000/.well-known/jwks.json', {}],
    ['a GraphQL preflight', 'OPTIONS', '/graphql', { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' }],
    ['a target of another service', 'POST', '/', { 'x-amz-target': 'DynamoDB_20120810.ListTables' }],
  ])('leaves %s to the rest of the server', async (_label, method, path, headers) => {
    const response = await fetch(`${served.baseUrl}${path}`, { method, headers, body: method === 'POST' ? '{}' : undefined });
    expect(response.status).toBe(404);
  });
});
