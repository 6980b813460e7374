// With user-existence errors prevented (the stack's app client), an unknown user and a known
// one with a wrong password get answers of the same shape and the same errors, side by side:
// USER_PASSWORD_AUTH, USER_SRP_AUTH (a PASSWORD_VERIFIER challenge for both, with a SALT
// stable per name, then "Incorrect username or password."), and ConfirmSignUp.
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { callCognito } from './sign-in';
import { clientSrpA } from './srp-a';

let pool: UserPool;
let legacyPool: UserPool;

beforeAll(async () => {
  pool = await UserPool.open();
  legacyPool = await UserPool.open({ overrideStackSettings: { preventUserExistenceErrors: false } });
});

const snapshot = (): string => JSON.stringify(pool.listUsers());

function srpStart(target: UserPool, username: string) {
  return callCognito(target, 'InitiateAuth', { ClientId: target.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: clientSrpA() } });
}

/** The shape of an answer: status, keys and the kind of each value, without the values. */
function shapeOf(value: unknown): unknown {
  if (typeof value === 'string') return /^[0-9a-f]+$/.test(value) ? 'hex' : 'string';
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, key === 'ChallengeName' ? entry : shapeOf(entry)]));
}

describe('USER_SRP_AUTH for a known and an unknown user', () => {
  it('answers both with a PASSWORD_VERIFIER challenge of the same shape', async () => {
    const known = await srpStart(pool, 'bob');
    const unknown = await srpStart(pool, 'nobody');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(shapeOf(unknown.body)).toEqual(shapeOf(known.body));
    expect(unknown.body).toMatchObject({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { USERNAME: 'nobody', USER_ID_FOR_SRP: 'nobody' } });
  });

  it.each([['bob'], ['nobody']])('gives %s the same SALT every time and a fresh SRP_B', async (username) => {
    const first = (await srpStart(pool, username)).body.ChallengeParameters as Record<string, string>;
    const second = (await srpStart(pool, username)).body.ChallengeParameters as Record<string, string>;
    expect(second.SALT).toBe(first.SALT);
    expect(second.SRP_B).not.toBe(first.SRP_B);
    expect(second.SECRET_BLOCK).not.toBe(first.SECRET_BLOCK);
  });

  it('gives different unknown names different salts', async () => {
    const a = (await srpStart(pool, 'nobody')).body.ChallengeParameters as Record<string, string>;
    const b = (await srpStart(pool, 'somebody')).body.ChallengeParameters as Record<string, string>;
    expect(a.SALT).not.toBe(b.SALT);
  });

  it.each([['bob'], ['nobody']])('refuses a wrong answer for %s with "Incorrect username or password."', async (username) => {
    const before = snapshot();
    const challenge = (await srpStart(pool, username)).body.ChallengeParameters as Record<string, string>;
    const answer = await callCognito(pool, 'RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: {
        USERNAME: username,
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: Buffer.alloc(32, 1).toString('base64'),
        TIMESTAMP: 'Wed Dec 2 21:00:00 UTC 2026',
      },
    });
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } });
    expect(snapshot()).toBe(before);
  });
});

describe('answers that must not tell a known user from an unknown one', () => {
  it.each<[string, (username: string) => Record<string, unknown>, string]>([
    ['USER_PASSWORD_AUTH with a wrong password', (USERNAME) => ({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD: 'Wrong#Password1' } }), 'InitiateAuth'],
    ['ConfirmSignUp with a wrong code', (Username) => ({ ClientId: pool.clientId, Username, ConfirmationCode: '000000' }), 'ConfirmSignUp'],
  ])('%s: the same error for bob and for nobody, and nothing changes', async (_label, input, operation) => {
    const before = snapshot();
    const known = await callCognito(pool, operation, input('bob'));
    const unknown = await callCognito(pool, operation, input('nobody'));
    expect(known.status).toBe(400);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.status).toBe(known.status);
    expect(snapshot()).toBe(before);
  });

  it('answers a wrong password as Cognito documents', async () => {
    const answer = await callCognito(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nobody', PASSWORD: 'Wrong#Password1' } });
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('answers ConfirmSignUp for an unknown user with the wrong-code error', async () => {
    const answer = await callCognito(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'nobody', ConfirmationCode: '000000' });
    expect(answer.body).toEqual({ __type: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' });
  });
});

describe('with user-existence errors not prevented (test-only override)', () => {
  it.each<[string, () => Promise<{ body: Record<string, unknown> }>]>([
    ['USER_PASSWORD_AUTH', () => callCognito(legacyPool, 'InitiateAuth', { ClientId: legacyPool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nobody', PASSWORD: 'Wrong#Password1' } })],
    ['USER_SRP_AUTH', () => srpStart(legacyPool, 'nobody')],
  ])('%s says UserNotFoundException, as Cognito does in that mode', async (_label, send) => {
    expect((await send()).body).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('still signs in a known user', async () => {
    const answer = await callCognito(legacyPool, 'InitiateAuth', { ClientId: legacyPool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: SEED_USERS[1].password } });
    expect(answer.status).toBe(200);
  });
});
