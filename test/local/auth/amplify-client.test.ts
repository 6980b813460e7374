// The real aws-amplify v6 client against the local pool over HTTP: SRP sign-in (the default
// flow), session, refresh through GetTokensFromRefreshToken, current user, global sign-out,
// wrong password, and USER_PASSWORD_AUTH. One Amplify configuration for the whole file.
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut, updatePassword, updateUserAttributes } from 'aws-amplify/auth';
import { decodeJwt } from 'jose';
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { verifyUserPoolToken } from '../../../local/auth/verify-token';
import { defined } from './defined';
import { servePool, type ServedPool } from './serve-pool';

const alice = defined(SEED_USERS.find((u) => u.username === 'alice'), 'alice');
const bob = defined(SEED_USERS.find((u) => u.username === 'bob'), 'bob');
const carol = defined(SEED_USERS.find((u) => u.username === 'carol'), 'carol');

let pool: UserPool;
let served: ServedPool;

beforeAll(async () => {
  pool = await UserPool.open();
  served = await servePool(pool);
  Amplify.configure({
    Auth: { Cognito: { userPoolId: pool.poolId, userPoolClientId: pool.clientId, userPoolEndpoint: `${served.baseUrl}/` } },
  });
});

afterAll(async () => {
  await served.close();
});

describe('Amplify v6 against the local user pool', () => {
  let firstAccessToken = '';

  it('signs in with the default SRP flow (InitiateAuth USER_SRP_AUTH + PASSWORD_VERIFIER)', async () => {
    served.targets.length = 0;
    const result = await signIn({ username: alice.username, password: alice.password });
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(served.targets).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
  });

  it('holds tokens with Cognito claims that the twin verifies', async () => {
    const { tokens } = await fetchAuthSession();
    expect(tokens?.accessToken).toBeDefined();
    firstAccessToken = defined(tokens, 'tokens').accessToken.toString();
    const access = await verifyUserPoolToken(pool, firstAccessToken);
    const id = await verifyUserPoolToken(pool, defined(tokens?.idToken, 'ID token').toString());
    expect(access.ok && access.claims).toMatchObject({
      token_use: 'access',
      username: 'alice',
      client_id: pool.clientId,
      'cognito:groups': ['Admins', 'Members'],
      scope: 'aws.cognito.signin.user.admin',
      iss: `${served.baseUrl}/${pool.poolId}`,
    });
    expect(id.ok && id.claims).toMatchObject({
      token_use: 'id',
      'cognito:username': 'alice',
      aud: pool.clientId,
      email: 'alice@example.com',
      email_verified: true,
      sub: pool.getUser('alice').sub,
    });
  });

  it('reports the current user from the ID token', async () => {
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'alice', userId: pool.getUser('alice').sub });
  });

  it('refreshes through GetTokensFromRefreshToken on forceRefresh', async () => {
    served.targets.length = 0;
    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    expect(served.targets).toEqual(['GetTokensFromRefreshToken']);
    const refreshed = defined(tokens, 'tokens').accessToken.toString();
    expect(refreshed).not.toBe(firstAccessToken);
    expect(decodeJwt(refreshed).origin_jti).toBe(decodeJwt(firstAccessToken).origin_jti);
    expect((await verifyUserPoolToken(pool, refreshed)).ok).toBe(true);
  });

  it('signs out globally: GlobalSignOut revokes the access tokens of that sign-in', async () => {
    served.targets.length = 0;
    await signOut({ global: true });
    expect(served.targets).toEqual(['GlobalSignOut']);
    await expect(verifyUserPoolToken(pool, firstAccessToken)).resolves.toEqual({
      ok: false,
      reason: 'revoked',
      message: 'Valid authorization header not provided.',
    });
    const { tokens } = await fetchAuthSession();
    expect(tokens).toBeUndefined();
  });

  it.each([
    ['wrong password', alice.username, 'Not-the-password1!'],
    ['unknown user', 'nobody', 'Whatever#123'],
  ])('rejects a sign-in with a %s as NotAuthorizedException', async (_case, username, password) => {
    await expect(signIn({ username, password })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await expect(fetchAuthSession()).resolves.toMatchObject({ tokens: undefined });
  });

  it('signs in with USER_PASSWORD_AUTH in one InitiateAuth call', async () => {
    served.targets.length = 0;
    const result = await signIn({ username: bob.username, password: bob.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect(result.isSignedIn).toBe(true);
    expect(served.targets).toEqual(['InitiateAuth']);
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'bob' });
    const { tokens } = await fetchAuthSession();
    const verified = await verifyUserPoolToken(pool, defined(tokens, 'tokens').accessToken.toString());
    expect(verified.ok && verified.claims['cognito:groups']).toEqual(['Members']);
    await signOut();
    expect(served.targets.slice(-1)).toEqual(['RevokeToken']);
  });

  it('reads and updates user attributes and changes the password', async () => {
    await signIn({ username: carol.username, password: carol.password });
    await expect(fetchUserAttributes()).resolves.toEqual({ sub: pool.getUser('carol').sub, email: 'carol@example.com', email_verified: 'true' });
    const updated = await updateUserAttributes({ userAttributes: { name: 'Carol Local' } });
    expect(updated.name).toEqual({ isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } });
    expect(pool.getUser('carol').attributes.name).toBe('Carol Local');
    served.targets.length = 0;
    await updatePassword({ oldPassword: carol.password, newPassword: 'Carol#Changed2' });
    expect(served.targets).toEqual(['ChangePassword']);
    await signOut();
    await expect(signIn({ username: 'carol', password: carol.password })).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(signIn({ username: 'carol', password: 'Carol#Changed2' })).resolves.toMatchObject({ isSignedIn: true });
    await signOut();
  });

  it('refuses a disabled user after the password check', async () => {
    pool.setEnabled('bob', false);
    try {
      await expect(signIn({ username: bob.username, password: bob.password })).rejects.toMatchObject({
        name: 'NotAuthorizedException',
        message: 'User is disabled.',
      });
    } finally {
      pool.setEnabled('bob', true);
    }
    await expect(fetchAuthSession()).resolves.toMatchObject({ tokens: undefined });
  });

  it('walks a created user through NEW_PASSWORD_REQUIRED with confirmSignIn', async () => {
    pool.createUser({ username: 'kate', password: 'Kate#Temp1234', status: 'FORCE_CHANGE_PASSWORD' });
    const first = await signIn({ username: 'kate', password: 'Kate#Temp1234' });
    expect(first).toMatchObject({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' } });
    served.targets.length = 0;
    await expect(confirmSignIn({ challengeResponse: 'Kate#Final123' })).resolves.toMatchObject({ isSignedIn: true });
    expect(served.targets).toEqual(['RespondToAuthChallenge']);
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'kate' });
    expect(pool.getUser('kate').status).toBe('CONFIRMED');
    await signOut();
  });
});
