// The pool opened with no options behaves as the CDK stack defines it (infra/auth-settings.ts):
// self sign-up refused as Cognito refuses it, the stack's password policy and token lifetimes,
// and the stack's groups with their precedence and description in Cognito's shapes.
import {
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  GetGroupCommand,
  ListGroupsCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { appClientSettings, chatUserGroups, passwordPolicy } from '../../../infra/auth-settings';
import { IN_MEMORY_CREDENTIALS } from '../../../local/auth/local-credentials';
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { servePool, type ServedPool } from './serve-pool';
import { signInWithPassword } from './sign-in';

let pool: UserPool;
let served: ServedPool;
let client: CognitoIdentityProviderClient;

const snapshot = (): string => JSON.stringify({ users: pool.listUsers(), groups: pool.listGroups() });

beforeAll(async () => {
  pool = await UserPool.open();
  served = await servePool(pool);
  client = new CognitoIdentityProviderClient({ endpoint: served.baseUrl, region: pool.region, credentials: IN_MEMORY_CREDENTIALS, maxAttempts: 1 });
});

afterAll(async () => {
  client.destroy();
  await served.close();
});

describe('self sign-up, disabled by the stack', () => {
  it.each([
    ['a new user', 'mallory', 'Mallory#Local1', [{ Name: 'email', Value: 'mallory@example.com' }]],
    ['an existing user', 'bob', 'Bob#Local12345', []],
    ['a weak password', 'mallory', 'weak', []],
  ])('refuses %s with NotAuthorizedException and creates nobody', async (_label, Username, Password, UserAttributes) => {
    const before = snapshot();
    const error = await client.send(new SignUpCommand({ ClientId: pool.clientId, Username, Password, UserAttributes })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NotAuthorizedException', message: 'SignUp is not permitted for this user pool.', $metadata: { httpStatusCode: 400 } });
    expect(snapshot()).toBe(before);
  });

  it('leaves AdminCreateUser as the way in', async () => {
    const created = await client.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'nina', TemporaryPassword: 'Nina#Temp1234' }));
    expect(created.User).toMatchObject({ Username: 'nina', UserStatus: 'FORCE_CHANGE_PASSWORD' });
  });
});

describe('the stack password policy', () => {
  const exactlyMin = `Aa#1${'x'.repeat(passwordPolicy.minLength - 4)}`;
  it.each([
    [`${passwordPolicy.minLength - 1} characters`, exactlyMin.slice(0, -1), 'Password did not conform with policy: Password not long enough'],
    ['no digit', 'Aa#xxxxxxxxxxxx', 'Password did not conform with policy: Password must have numeric characters'],
    ['no lower case', 'AA#1XXXXXXXXXXX', 'Password did not conform with policy: Password must have lowercase characters'],
  ])('refuses %s', async (_label, password, message) => {
    const before = snapshot();
    const error = await client.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'oscar', TemporaryPassword: password })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidPasswordException', message });
    expect(snapshot()).toBe(before);
  });

  it(`accepts ${passwordPolicy.minLength} characters`, async () => {
    await client.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'oscar', TemporaryPassword: exactlyMin }));
    expect(pool.getUser('oscar').status).toBe('FORCE_CHANGE_PASSWORD');
  });
});

describe('the stack token lifetimes', () => {
  it('mints access and ID tokens valid for the app client validity, and refresh sessions for its days', async () => {
    const tokens = await signInWithPassword(pool, 'bob', SEED_USERS[1].password);
    const access = decodeJwt(tokens.AccessToken);
    const id = decodeJwt(tokens.IdToken);
    expect(Number(access.exp) - Number(access.iat)).toBe(appClientSettings.accessTokenValidityMinutes * 60);
    expect(Number(id.exp) - Number(id.iat)).toBe(appClientSettings.idTokenValidityMinutes * 60);
    // auth_time is in whole seconds, the refresh expiry in milliseconds.
    const refreshMs = appClientSettings.refreshTokenValidityDays * 24 * 3600 * 1000;
    const session = pool.findSession(String(access.origin_jti));
    const lifetime = session ? session.expiresAt - session.authTime * 1000 : NaN;
    expect(lifetime).toBeGreaterThanOrEqual(refreshMs);
    expect(lifetime).toBeLessThan(refreshMs + 1000);
  });
});

describe('the stack groups', () => {
  const expected = chatUserGroups.map((group) => ({ GroupName: group.name, Precedence: group.precedence, Description: group.description }));

  it('lists them with precedence and description (ListGroups)', async () => {
    const listed = await client.send(new ListGroupsCommand({ UserPoolId: pool.poolId }));
    expect(listed.Groups).toEqual(
      expected.map((group) => ({ ...group, UserPoolId: pool.poolId, CreationDate: expect.any(Date), LastModifiedDate: expect.any(Date) })),
    );
  });

  it.each(chatUserGroups.map((group) => [group.name]))('answers GetGroup %s in Cognito shape', async (name) => {
    const { Group } = await client.send(new GetGroupCommand({ UserPoolId: pool.poolId, GroupName: name }));
    expect(Group).toMatchObject({ ...expected.find((group) => group.GroupName === name), UserPoolId: pool.poolId });
  });

  it('returns them for a user (AdminListGroupsForUser)', async () => {
    const { Groups } = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: 'alice' }));
    expect(Groups?.map(({ GroupName, Precedence, Description }) => ({ GroupName, Precedence, Description }))).toEqual(expected);
  });

  it('answers GetGroup for an unknown group with ResourceNotFoundException', async () => {
    const error = await client.send(new GetGroupCommand({ UserPoolId: pool.poolId, GroupName: 'Nope' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' });
  });
});
