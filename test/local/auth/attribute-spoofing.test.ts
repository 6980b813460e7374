// Sender spoofing through attributes: no request may set an attribute outside the pool's
// schema (standard attributes, the pool's custom: ones, and here none) or the immutable sub,
// by any of the four operations that write attributes; each refusal is Cognito's exact error,
// and the user and their next ID token are unchanged.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { decodeJwt } from 'jose';
import { handleCognitoRequest } from '../../../local/auth/cognito-api';
import { IN_MEMORY_CREDENTIALS } from '../../../local/auth/local-credentials';
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { callCognito, signInWithPassword } from './sign-in';

const bob = SEED_USERS[1];

/** Names a token carries or Cognito reserves; none is in the pool's schema except sub. */
const RESERVED = [
  'username', 'cognito:username', 'cognito:groups', 'iss', 'aud', 'token_use', 'auth_time', 'exp', 'iat',
  'jti', 'origin_jti', 'event_id', 'client_id', 'scope', 'custom:role', 'identities', 'cognito:preferred_role',
];

const NOT_IN_SCHEMA_UPDATE = 'Attribute does not exist in the schema.';
const notInSchemaCreate = (name: string): string => `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`;

let pool: UserPool;
/** The same pool with self sign-up on (test-only override), so SignUp reaches the attribute check. */
let signUpPool: UserPool;

async function callAdmin(target: UserPool, operation: string, input: Record<string, unknown>) {
  const body = JSON.stringify(input);
  const signer = new SignatureV4({ credentials: IN_MEMORY_CREDENTIALS, region: target.region, service: 'cognito-idp', sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: '/',
    headers: { host: '127.0.0.1', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body,
  });
  const response = await handleCognitoRequest(target, { target: `AWSCognitoIdentityProviderService.${operation}`, body, headers: signed.headers, method: 'POST', url: '/' });
  return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
}

beforeAll(async () => {
  pool = await UserPool.open();
  signUpPool = await UserPool.open({ overrideStackSettings: { selfSignUpEnabled: true } });
});

type Operation = 'UpdateUserAttributes' | 'AdminUpdateUserAttributes' | 'AdminCreateUser' | 'SignUp';

async function attempt(operation: Operation, name: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const attributes = [{ Name: name, Value: 'alice' }];
  switch (operation) {
    case 'UpdateUserAttributes': {
      const { AccessToken } = await signInWithPassword(pool, 'bob', bob.password);
      return callCognito(pool, operation, { AccessToken, UserAttributes: attributes });
    }
    case 'AdminUpdateUserAttributes':
      return callAdmin(pool, operation, { UserPoolId: pool.poolId, Username: 'bob', UserAttributes: attributes });
    case 'AdminCreateUser':
      return callAdmin(pool, operation, { UserPoolId: pool.poolId, Username: 'mallory', TemporaryPassword: 'Mallory#Temp1', UserAttributes: attributes });
    case 'SignUp':
      return callCognito(signUpPool, operation, { ClientId: signUpPool.clientId, Username: 'mallory', Password: 'Mallory#Local1', UserAttributes: attributes });
  }
}

const expectedMessage = (operation: Operation, name: string): string => {
  const create = operation === 'AdminCreateUser' || operation === 'SignUp';
  if (name === 'sub') return create ? 'Attributes did not conform to the schema: sub: Attribute cannot be modified.' : 'Cannot modify the non-mutable attribute sub';
  return create ? notInSchemaCreate(name) : NOT_IN_SCHEMA_UPDATE;
};

const OPERATIONS: Operation[] = ['UpdateUserAttributes', 'AdminUpdateUserAttributes', 'AdminCreateUser', 'SignUp'];
const cases = OPERATIONS.flatMap((operation) => [...RESERVED, 'sub'].map((name) => [operation, name] as const));

describe.each(OPERATIONS.map((operation) => [operation]))('%s', (operation) => {
  it.each(cases.filter(([op]) => op === operation).map(([, name]) => [name]))(
    `refuses the attribute %s with InvalidParameterException and changes nothing`,
    async (name) => {
      const before = JSON.stringify({ users: pool.listUsers(), signUpUsers: signUpPool.listUsers() });
      const idBefore = decodeJwt((await signInWithPassword(pool, 'bob', bob.password)).IdToken);

      const { status, body } = await attempt(operation, name);
      expect({ status, body }).toEqual({ status: 400, body: { __type: 'InvalidParameterException', message: expectedMessage(operation, name) } });

      expect(JSON.stringify({ users: pool.listUsers(), signUpUsers: signUpPool.listUsers() })).toBe(before);
      const idAfter = decodeJwt((await signInWithPassword(pool, 'bob', bob.password)).IdToken);
      const PER_SIGN_IN = ['exp', 'iat', 'jti', 'origin_jti', 'event_id', 'auth_time'];
      const stable = (claims: Record<string, unknown>) => Object.fromEntries(Object.entries(claims).filter(([name]) => !PER_SIGN_IN.includes(name)));
      expect(stable(idAfter)).toEqual(stable(idBefore));
      expect(idAfter['cognito:username']).toBe('bob');
    },
  );
});

describe('attributes in the schema', () => {
  it('still lets a user change their email, and the ID token says so', async () => {
    const { AccessToken } = await signInWithPassword(pool, 'bob', bob.password);
    const answer = await callCognito(pool, 'UpdateUserAttributes', { AccessToken, UserAttributes: [{ Name: 'email', Value: 'bobby@example.com' }] });
    expect(answer.status).toBe(200);
    const id = decodeJwt((await signInWithPassword(pool, 'bob', bob.password)).IdToken);
    expect([id.email, id['cognito:username'], id.sub]).toEqual(['bobby@example.com', 'bob', pool.getUser('bob').sub]);
  });

  it('builds ID-token claims so that no stored attribute can replace a standard claim', async () => {
    // A state no request can reach any more (e.g. a user-pool.json written before the schema
    // check): the token still says who the user is.
    const carol = pool.getUser('carol');
    Object.assign(carol.attributes, { 'cognito:username': 'alice', username: 'alice', sub: 'forged', iss: 'https://evil', token_use: 'access', 'cognito:groups': 'Admins', aud: 'other' });
    const id = decodeJwt((await signInWithPassword(pool, 'carol', SEED_USERS[2].password)).IdToken);
    expect(id).toMatchObject({ 'cognito:username': 'carol', sub: carol.sub, iss: pool.issuer, token_use: 'id', aud: pool.clientId });
    expect(id).not.toHaveProperty('username');
    expect(id).not.toHaveProperty('cognito:groups');
  });
});
