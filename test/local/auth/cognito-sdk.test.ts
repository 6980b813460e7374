// The AWS SDK's Cognito client (SigV4-signed with the twin's local credentials) against the
// local pool over HTTP: admin user and group management, the sign-up and new-password flows,
// and every bad input as a table asserting Cognito's exact error and that nothing changed.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ChangePasswordCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { IN_MEMORY_CREDENTIALS } from '../../../local/auth/local-credentials';
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { defined } from './defined';
import { servePool, type ServedPool } from './serve-pool';

let pool: UserPool;
let served: ServedPool;
let client: CognitoIdentityProviderClient;

function clientWith(credentials: { accessKeyId: string; secretAccessKey: string }): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint: served.baseUrl, region: pool.region, credentials, maxAttempts: 1 });
}

/** Everything the admin API can observe, to prove a failed call changed nothing. */
function snapshot(): string {
  return JSON.stringify({ users: pool.listUsers(), groups: pool.listGroups() });
}

beforeAll(async () => {
  pool = await UserPool.open();
  served = await servePool(pool);
  client = clientWith(IN_MEMORY_CREDENTIALS);
});

afterAll(async () => {
  client.destroy();
  await served.close();
});

describe('admin calls', () => {
  it('lists the seeded users and groups', async () => {
    const users = await client.send(new ListUsersCommand({ UserPoolId: pool.poolId }));
    expect(users.Users?.map((u) => u.Username)).toEqual(SEED_USERS.map((u) => u.username));
    const groups = await client.send(new ListGroupsCommand({ UserPoolId: pool.poolId }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['Admins', 'Members']);
    const admins = await client.send(new ListUsersInGroupCommand({ UserPoolId: pool.poolId, GroupName: 'Admins' }));
    expect(admins.Users?.map((u) => u.Username)).toEqual(['alice']);
  });

  it('creates a user, manages groups and deletes the user', async () => {
    const created = await client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: 'dave',
        TemporaryPassword: 'Temp#Pass1234',
        UserAttributes: [{ Name: 'email', Value: 'dave@example.com' }],
      }),
    );
    expect(created.User).toMatchObject({ Username: 'dave', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(created.User?.UserCreateDate).toBeInstanceOf(Date);

    await client.send(new CreateGroupCommand({ UserPoolId: pool.poolId, GroupName: 'Moderators', Precedence: 3 }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.poolId, Username: 'dave', GroupName: 'Moderators' }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.poolId, Username: 'dave', GroupName: 'Members' }));
    const groups = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: 'dave' }));
    // Members is the stack's group (precedence 1, infra/auth-settings.ts); lists are in name order.
    expect(groups.Groups?.map((g) => [g.GroupName, g.Precedence])).toEqual([
      ['Members', 1],
      ['Moderators', 3],
    ]);

    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool.poolId, Username: 'dave', GroupName: 'Moderators' }));
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.poolId, Username: 'dave', Password: 'Dave#Local123', Permanent: true }));
    const fetched = await client.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: 'dave' }));
    expect(fetched).toMatchObject({ Username: 'dave', UserStatus: 'CONFIRMED', Enabled: true });
    expect(fetched.UserAttributes).toEqual([
      { Name: 'sub', Value: pool.getUser('dave').sub },
      { Name: 'email', Value: 'dave@example.com' },
    ]);
    expect(pool.getUser('dave').groups).toEqual(['Members']);

    const filtered = await client.send(new ListUsersCommand({ UserPoolId: pool.poolId, Filter: 'email = "dave@example.com"' }));
    expect(filtered.Users?.map((u) => u.Username)).toEqual(['dave']);

    await client.send(new AdminDeleteUserCommand({ UserPoolId: pool.poolId, Username: 'dave' }));
    expect(pool.findUser('dave')).toBeUndefined();
  });

  it('never stores a password in clear', () => {
    const stored = JSON.stringify(pool.listUsers());
    for (const seed of SEED_USERS) expect(stored).not.toContain(seed.password);
    expect(pool.getUser('alice').password).toEqual({ salt: expect.stringMatching(/^[0-9a-f]+$/), verifier: expect.stringMatching(/^[0-9a-f]+$/) });
  });
});

describe('sign-in flows through the SDK', () => {
  it('answers NEW_PASSWORD_REQUIRED for a created user, then signs in with the new password', async () => {
    await client.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'erin', TemporaryPassword: 'Temp#Pass1234' }));
    const first = await client.send(
      new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'erin', PASSWORD: 'Temp#Pass1234' } }),
    );
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(first.AuthenticationResult).toBeUndefined();
    const second = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: pool.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'erin', NEW_PASSWORD: 'Erin#Local123' },
      }),
    );
    expect(decodeJwt(defined(second.AuthenticationResult?.AccessToken, 'access token')).username).toBe('erin');
    expect(pool.getUser('erin').status).toBe('CONFIRMED');
  });
});

describe('self sign-up, on a pool opened with it enabled (test-only override of the stack)', () => {
  let signUpPool: UserPool;
  let signUpServed: ServedPool;
  let signUpClient: CognitoIdentityProviderClient;

  beforeAll(async () => {
    signUpPool = await UserPool.open({ overrideStackSettings: { selfSignUpEnabled: true }, autoConfirmSignUp: false });
    signUpServed = await servePool(signUpPool);
    signUpClient = new CognitoIdentityProviderClient({ endpoint: signUpServed.baseUrl, region: signUpPool.region, credentials: IN_MEMORY_CREDENTIALS, maxAttempts: 1 });
  });

  afterAll(async () => {
    signUpClient.destroy();
    await signUpServed.close();
  });

  it('signs up, confirms with the code, reads the user and revokes the refresh token', async () => {
    const signUp = await signUpClient.send(
      new SignUpCommand({ ClientId: signUpPool.clientId, Username: 'frank', Password: 'Frank#Local12', UserAttributes: [{ Name: 'email', Value: 'frank@example.com' }] }),
    );
    expect(signUp).toMatchObject({ UserConfirmed: false, UserSub: signUpPool.getUser('frank').sub });
    expect(signUp.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'f***@example.com' });
    await signUpClient.send(new ConfirmSignUpCommand({ ClientId: signUpPool.clientId, Username: 'frank', ConfirmationCode: '123456' }));

    const signIn = await signUpClient.send(
      new InitiateAuthCommand({ ClientId: signUpPool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'frank', PASSWORD: 'Frank#Local12' } }),
    );
    const { AccessToken, RefreshToken, ExpiresIn, TokenType } = defined(signIn.AuthenticationResult, 'authentication result');
    expect([ExpiresIn, TokenType]).toEqual([3600, 'Bearer']);
    const me = await signUpClient.send(new GetUserCommand({ AccessToken }));
    expect(me.Username).toBe('frank');

    const viaRefresh = await signUpClient.send(
      new InitiateAuthCommand({ ClientId: signUpPool.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: defined(RefreshToken, 'refresh token') } }),
    );
    expect(viaRefresh.AuthenticationResult?.RefreshToken).toBeUndefined();
    expect(decodeJwt(defined(viaRefresh.AuthenticationResult?.IdToken, 'ID token'))['cognito:username']).toBe('frank');

    await signUpClient.send(new RevokeTokenCommand({ ClientId: signUpPool.clientId, Token: RefreshToken }));
    await expect(signUpClient.send(new GetTokensFromRefreshTokenCommand({ ClientId: signUpPool.clientId, RefreshToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    await expect(signUpClient.send(new GetUserCommand({ AccessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
  });
});

type Case = [label: string, send: () => Promise<unknown>, name: string, message: string];

const P = (): string => pool.poolId;
const C = (): string => pool.clientId;

const badInput: Case[] = [
  ['unknown user', () => client.send(new AdminGetUserCommand({ UserPoolId: P(), Username: 'nobody' })), 'UserNotFoundException', 'User does not exist.'],
  ['delete unknown user', () => client.send(new AdminDeleteUserCommand({ UserPoolId: P(), Username: 'nobody' })), 'UserNotFoundException', 'User does not exist.'],
  ['existing username', () => client.send(new AdminCreateUserCommand({ UserPoolId: P(), Username: 'alice', TemporaryPassword: 'Temp#Pass1234' })), 'UsernameExistsException', 'User already exists'],
  ['short password', () => client.send(new AdminCreateUserCommand({ UserPoolId: P(), Username: 'gina', TemporaryPassword: 'Ab#1' })), 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough'],
  ['password without upper case', () => client.send(new AdminSetUserPasswordCommand({ UserPoolId: P(), Username: 'bob', Password: 'lower#case123', Permanent: true })), 'InvalidPasswordException', 'Password did not conform with policy: Password must have uppercase characters'],
  ['password without symbol', () => client.send(new AdminCreateUserCommand({ UserPoolId: P(), Username: 'hank', TemporaryPassword: 'NoSymbol1234' })), 'InvalidPasswordException', 'Password did not conform with policy: Password must have symbol characters'],
  ['password of 11 characters (the stack asks for 12)', () => client.send(new AdminCreateUserCommand({ UserPoolId: P(), Username: 'hank', TemporaryPassword: 'Short#Pass1' })), 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough'],
  ['self sign-up (the stack disables it)', () => client.send(new SignUpCommand({ ClientId: C(), Username: 'hank', Password: 'Hank#Local123', UserAttributes: [{ Name: 'email', Value: 'hank@example.com' }] })), 'NotAuthorizedException', 'SignUp is not permitted for this user pool.'],
  ['unknown group', () => client.send(new AdminAddUserToGroupCommand({ UserPoolId: P(), Username: 'bob', GroupName: 'Nope' })), 'ResourceNotFoundException', 'Group not found.'],
  ['add unknown user to group', () => client.send(new AdminAddUserToGroupCommand({ UserPoolId: P(), Username: 'nobody', GroupName: 'Members' })), 'UserNotFoundException', 'User does not exist.'],
  ['existing group', () => client.send(new CreateGroupCommand({ UserPoolId: P(), GroupName: 'Admins' })), 'GroupExistsException', 'A group with the name Admins already exists.'],
  ['unknown pool', () => client.send(new ListUsersCommand({ UserPoolId: 'us-east-1_Wrong1234' })), 'ResourceNotFoundException', 'User pool us-east-1_Wrong1234 does not exist.'],
  ['unknown pool on a user call', () => client.send(new AdminAddUserToGroupCommand({ UserPoolId: 'us-east-1_Wrong1234', Username: 'bob', GroupName: 'Members' })), 'ResourceNotFoundException', 'User pool us-east-1_Wrong1234 does not exist.'],
  ['missing username', () => client.send(new AdminGetUserCommand({ UserPoolId: P() } as never)), 'InvalidParameterException', "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null"],
  ['unknown app client', () => client.send(new InitiateAuthCommand({ ClientId: 'nosuchclient', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'x' } })), 'ResourceNotFoundException', 'User pool client nosuchclient does not exist.'],
  ['wrong password', () => client.send(new InitiateAuthCommand({ ClientId: C(), AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'Wrong#Pass1' } })), 'NotAuthorizedException', 'Incorrect username or password.'],
  ['missing SRP_A', () => client.send(new InitiateAuthCommand({ ClientId: C(), AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'bob' } })), 'InvalidParameterException', 'Missing required parameter SRP_A'],
  ['unsupported flow', () => client.send(new InitiateAuthCommand({ ClientId: C(), AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'bob' } })), 'InvalidParameterException', 'Initiate Auth method not supported.'],
  ['invalid refresh token', () => client.send(new GetTokensFromRefreshTokenCommand({ ClientId: C(), RefreshToken: 'not-a-token' })), 'NotAuthorizedException', 'Invalid Refresh Token'],
  ['invalid access token', () => client.send(new GetUserCommand({ AccessToken: 'a.b.c' })), 'NotAuthorizedException', 'Invalid Access Token'],
  ['confirming a confirmed user', () => client.send(new ConfirmSignUpCommand({ ClientId: C(), Username: 'carol', ConfirmationCode: '123456' })), 'NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'],
  ['wrong confirmation code', () => client.send(new ConfirmSignUpCommand({ ClientId: C(), Username: 'ivy', ConfirmationCode: '000000' })), 'CodeMismatchException', 'Invalid verification code provided, please try again.'],
  ['sign-in before confirmation', () => client.send(new InitiateAuthCommand({ ClientId: C(), AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ivy', PASSWORD: 'Ivy#Local1234' } })), 'UserNotConfirmedException', 'User is not confirmed.'],
  ['unknown auth flow', () => client.send(new InitiateAuthCommand({ ClientId: C(), AuthFlow: 'MAGIC' as never, AuthParameters: {} })), 'InvalidParameterException', "1 validation error detected: Value 'MAGIC' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]"],
  ['stale new-password session', () => client.send(new RespondToAuthChallengeCommand({ ClientId: C(), ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'gone', ChallengeResponses: { USERNAME: 'bob', NEW_PASSWORD: 'Bob#Local2' } })), 'NotAuthorizedException', 'Invalid session for the user, session is expired.'],
  ['immutable sub', () => client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: P(), Username: 'bob', UserAttributes: [{ Name: 'sub', Value: 'mine' }] })), 'InvalidParameterException', 'Cannot modify the non-mutable attribute sub'],
  ['disabled user', () => client.send(new InitiateAuthCommand({ ClientId: C(), AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'judy', PASSWORD: 'Judy#Local123' } })), 'NotAuthorizedException', 'User is disabled.'],
  ['wrong previous password', async () => {
    const tokens = await client.send(new InitiateAuthCommand({ ClientId: C(), AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'carol', PASSWORD: SEED_USERS[2].password } }));
    return client.send(new ChangePasswordCommand({ AccessToken: tokens.AuthenticationResult?.AccessToken, PreviousPassword: 'Wrong#Pass1', ProposedPassword: 'Carol#New12' }));
  }, 'NotAuthorizedException', 'Incorrect username or password.'],
  ['wrong secret key', () => clientWith({ ...IN_MEMORY_CREDENTIALS, secretAccessKey: 'not-the-secret' }).send(new ListUsersCommand({ UserPoolId: P() })), 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'],
  ['unknown access key', () => clientWith({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }).send(new AdminDeleteUserCommand({ UserPoolId: P(), Username: 'bob' })), 'UnrecognizedClientException', 'The security token included in the request is invalid.'],
];

describe('bad input', () => {
  beforeAll(() => {
    pool.createUser({ username: 'ivy', password: 'Ivy#Local1234', status: 'UNCONFIRMED' });
    pool.createUser({ username: 'judy', password: 'Judy#Local123' });
    pool.setEnabled('judy', false);
  });

  it.each(badInput)('%s', async (_label, send, name, message) => {
    const before = snapshot();
    const error = await send().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name, message, $metadata: { httpStatusCode: 400 } });
    expect(snapshot()).toBe(before);
  });

  it('rejects an unsigned admin call with MissingAuthenticationTokenException', async () => {
    const before = snapshot();
    const response = await fetch(served.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminDeleteUser' },
      body: JSON.stringify({ UserPoolId: pool.poolId, Username: 'bob' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    expect(snapshot()).toBe(before);
  });

  it.each([
    ['unknown operation', 'AWSCognitoIdentityProviderService.DescribeRiskConfiguration', '{}', 'UnsupportedOperationException', 'The local user pool does not support AWSCognitoIdentityProviderService.DescribeRiskConfiguration.'],
    ['body not JSON', 'AWSCognitoIdentityProviderService.InitiateAuth', '{nope', 'SerializationException', 'Start of structure or map found where not expected.'],
    ['body a JSON array', 'AWSCognitoIdentityProviderService.SignUp', '[]', 'SerializationException', 'Start of structure or map found where not expected.'],
  ])('answers %s in Cognito shape', async (_label, target, body, name, message) => {
    const before = snapshot();
    const response = await fetch(served.baseUrl, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe(name);
    expect(await response.json()).toEqual({ __type: name, message });
    expect(snapshot()).toBe(before);
  });
});
