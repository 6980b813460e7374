// Cognito's lockout after failed sign-ins, on the pool's injected clock (no waiting): after 5
// failures NotAuthorizedException "Password attempts exceeded" for 1 s, doubling per further
// failure up to 15 minutes; attempts during a lockout do not count; 15 minutes without
// attempts reset the count. Unknown users answer the same. USER_PASSWORD_AUTH through the
// pure API, SRP through the real Amplify client.
import { Amplify } from 'aws-amplify';
import { signIn, signOut } from 'aws-amplify/auth';
import { UserPool } from '../../../local/auth/user-pool';
import { callCognito } from './sign-in';
import { servePool, type ServedPool } from './serve-pool';

const EXCEEDED = { __type: 'NotAuthorizedException', message: 'Password attempts exceeded' };
const INCORRECT = { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' };
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let clock = Date.now();
let pool: UserPool;
let served: ServedPool;

beforeAll(async () => {
  pool = await UserPool.open({
    now: () => clock,
    seedUsers: ['dora', 'erik', 'fay', 'gus', 'hugo'].map((username) => ({ username, password: `${username}#Local12345`.replace(/^./, (c) => c.toUpperCase()), email: `${username}@example.com`, groups: [] })),
  });
  served = await servePool(pool);
  Amplify.configure({ Auth: { Cognito: { userPoolId: pool.poolId, userPoolClientId: pool.clientId, userPoolEndpoint: `${served.baseUrl}/` } } });
});

afterAll(async () => {
  await served.close();
});

const passwordOf = (username: string): string => `${username}#Local12345`.replace(/^./, (c) => c.toUpperCase());

async function passwordSignIn(username: string, password: string): Promise<Record<string, unknown>> {
  const { status, body } = await callCognito(pool, 'InitiateAuth', {
    ClientId: pool.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return status === 200 ? { signedIn: true } : body;
}

async function fail(username: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) expect(await passwordSignIn(username, 'Wrong#Password1')).toEqual(INCORRECT);
}

describe('USER_PASSWORD_AUTH', () => {
  it('locks after 5 failures for 1 s, even for the right password, then lets the user in', async () => {
    await fail('dora', 5);
    expect(await passwordSignIn('dora', passwordOf('dora'))).toEqual(EXCEEDED);
    clock += SECOND - 1;
    expect(await passwordSignIn('dora', passwordOf('dora'))).toEqual(EXCEEDED);
    clock += 1;
    expect(await passwordSignIn('dora', passwordOf('dora'))).toEqual({ signedIn: true });
    // The success reset the count: four more failures do not lock.
    await fail('dora', 4);
    expect(await passwordSignIn('dora', passwordOf('dora'))).toEqual({ signedIn: true });
  });

  it('doubles the lockout per further failure (2^(n-5) s), up to 15 minutes', async () => {
    await fail('erik', 5);
    for (let failures = 5; failures < 17; failures += 1) {
      const lockMs = Math.min(2 ** (failures - 5) * SECOND, 15 * MINUTE);
      clock += lockMs - 1;
      expect(await passwordSignIn('erik', 'Wrong#Password1')).toEqual(EXCEEDED);
      clock += 1;
      await fail('erik', 1);
    }
    // 17 failures: 2^12 s would be over an hour; the ceiling is 15 minutes.
    clock += 15 * MINUTE - 1;
    expect(await passwordSignIn('erik', passwordOf('erik'))).toEqual(EXCEEDED);
    clock += 1;
    expect(await passwordSignIn('erik', passwordOf('erik'))).toEqual({ signedIn: true });
  });

  it('does not count attempts made during a lockout', async () => {
    await fail('fay', 5);
    for (let i = 0; i < 20; i += 1) expect(await passwordSignIn('fay', 'Wrong#Password1')).toEqual(EXCEEDED);
    clock += SECOND;
    await fail('fay', 1); // the 6th counted failure: 2 s
    clock += 2 * SECOND;
    expect(await passwordSignIn('fay', passwordOf('fay'))).toEqual({ signedIn: true });
  });

  it('forgets failures after 15 minutes without attempts', async () => {
    await fail('gus', 4);
    clock += 15 * MINUTE;
    await fail('gus', 4);
    expect(await passwordSignIn('gus', passwordOf('gus'))).toEqual({ signedIn: true });
  });

  it('locks an unknown user the same way, so a lockout says nothing about existence', async () => {
    const answers = async (username: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i < 7; i += 1) seen.push(await passwordSignIn(username, 'Wrong#Password1'));
      return seen;
    };
    const known = await answers('hugo');
    const unknown = await answers('nobody');
    expect(unknown).toEqual(known);
    expect(known).toEqual([INCORRECT, INCORRECT, INCORRECT, INCORRECT, INCORRECT, EXCEEDED, EXCEEDED]);
  });
});

describe('SRP through Amplify', () => {
  it('locks after 5 wrong passwords and refuses the right one until the lockout ends', async () => {
    const user = 'dora';
    clock += 15 * MINUTE; // a fresh count
    for (let i = 0; i < 5; i += 1) {
      await expect(signIn({ username: user, password: 'Wrong#Password1' })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
    await expect(signIn({ username: user, password: passwordOf(user) })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Password attempts exceeded' });
    clock += SECOND;
    await expect(signIn({ username: user, password: passwordOf(user) })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await signOut();
  });

  it('answers an unknown user as a wrong password, then locks it too', async () => {
    for (let i = 0; i < 5; i += 1) {
      await expect(signIn({ username: 'ghost', password: 'Wrong#Password1' })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
    await expect(signIn({ username: 'ghost', password: 'Wrong#Password1' })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Password attempts exceeded' });
  });
});
