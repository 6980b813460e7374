// The stack signs in by username or verified email, case-insensitively (signInAliases,
// signInCaseSensitive: false in infra/auth-settings.ts); the twin's pool does the same, and
// tokens always carry the username the user was created with.
import { decodeJwt } from 'jose';
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { callCognito } from './sign-in';
import { clientSrpA } from './srp-a';

const bob = SEED_USERS[1];
let pool: UserPool;

beforeAll(async () => {
  pool = await UserPool.open();
  pool.createUser({ username: 'rita', password: 'Rita#Local1234', attributes: { email: 'rita@example.com' } });
});

const passwordSignIn = (USERNAME: string, PASSWORD: string) =>
  callCognito(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } });

describe('sign-in names', () => {
  it.each([['bob'], ['BOB'], ['Bob'], ['bob@example.com'], ['BOB@Example.com']])('signs bob in as %s, and the tokens say bob', async (name) => {
    const { status, body } = await passwordSignIn(name, bob.password);
    expect(status).toBe(200);
    const result = body.AuthenticationResult as { AccessToken: string; IdToken: string };
    expect([decodeJwt(result.AccessToken).username, decodeJwt(result.IdToken)['cognito:username']]).toEqual(['bob', 'bob']);
  });

  it('answers the SRP challenge with the real username to compute with', async () => {
    const { body } = await callCognito(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'bob@example.com', SRP_A: clientSrpA() } });
    expect(body.ChallengeParameters).toMatchObject({ USERNAME: 'bob', USER_ID_FOR_SRP: 'bob', SALT: pool.getUser('bob').password.salt });
  });

  it('does not sign in by an email that is not verified', async () => {
    expect((await passwordSignIn('rita@example.com', 'Rita#Local1234')).body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect((await passwordSignIn('RITA', 'Rita#Local1234')).status).toBe(200);
  });

  it('refuses a username that differs from an existing one only in case', () => {
    const before = JSON.stringify(pool.listUsers());
    expect(() => pool.createUser({ username: 'Bob', password: 'Bob#Local12345' })).toThrow(expect.objectContaining({ errorType: 'UsernameExistsException', message: 'User already exists' }));
    expect(JSON.stringify(pool.listUsers())).toBe(before);
  });

  it('counts failures under every name of a user towards one lockout', async () => {
    for (const name of ['rita', 'RITA', 'Rita', 'rItA', 'ritA']) {
      expect((await passwordSignIn(name, 'Wrong#Password1')).body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
    expect((await passwordSignIn('rita', 'Rita#Local1234')).body).toEqual({ __type: 'NotAuthorizedException', message: 'Password attempts exceeded' });
  });
});
