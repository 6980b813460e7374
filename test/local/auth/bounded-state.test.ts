// The pool's state stays bounded: sign-ins per user (oldest dropped, expired ones pruned),
// pending challenges (expiry and a cap), and user-pool.json is written off the request path,
// coalesced, and complete after flush().
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pendingChallengeCount } from '../../../local/auth/auth-flows';
import { CoalescedJsonWriter } from '../../../local/auth/json-file';
import { CHALLENGE_LIFETIME_MS, MAX_PENDING_CHALLENGES, MAX_SESSIONS_PER_USER } from '../../../local/auth/limits';
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { verifyUserPoolToken } from '../../../local/auth/verify-token';
import { callCognito, signInWithPassword } from './sign-in';
import { clientSrpA } from './srp-a';

const bob = SEED_USERS[1];
let clock = Date.UTC(2026, 11, 2, 12, 0, 0);
let pool: UserPool;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bounded-pool-'));
  pool = await UserPool.open({ dataDir, now: () => clock });
});

afterAll(async () => {
  await pool.flush();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sign-ins per user', () => {
  it(`keeps the newest ${MAX_SESSIONS_PER_USER}; the oldest one's refresh and access tokens stop working`, async () => {
    const first = await signInWithPassword(pool, 'bob', bob.password);
    for (let i = 0; i < MAX_SESSIONS_PER_USER + 4; i += 1) await signInWithPassword(pool, 'bob', bob.password);
    expect(pool.sessionCount('bob')).toBe(MAX_SESSIONS_PER_USER);
    const refreshed = await callCognito(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: first.RefreshToken });
    expect(refreshed.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
    await expect(verifyUserPoolToken(pool, first.AccessToken)).resolves.toMatchObject({ ok: false, reason: 'revoked' });
    expect(pool.sessionCount('alice')).toBe(0);
  });

  it('drops sign-ins past their refresh lifetime', async () => {
    await signInWithPassword(pool, 'carol', SEED_USERS[2].password);
    clock += pool.refreshTokenTtlSeconds * 1000 + 1;
    await signInWithPassword(pool, 'carol', SEED_USERS[2].password);
    expect([pool.sessionCount('carol'), pool.sessionCount('bob')]).toEqual([1, 0]);
  });
});

describe('pending challenges', () => {
  const startSrp = (username: string) =>
    callCognito(pool, 'InitiateAuth', { ClientId: pool.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: clientSrpA() } });

  it(`expire after ${CHALLENGE_LIFETIME_MS} ms and are pruned when the next one starts`, async () => {
    for (let i = 0; i < 3; i += 1) expect((await startSrp('bob')).status).toBe(200);
    const before = pendingChallengeCount(pool).srp;
    clock += CHALLENGE_LIFETIME_MS + 1;
    await startSrp('bob');
    expect(before).toBeGreaterThanOrEqual(3);
    expect(pendingChallengeCount(pool).srp).toBe(1);
  });

  it(`are capped at ${MAX_PENDING_CHALLENGES}, the oldest dropped`, async () => {
    for (let i = 0; i < MAX_PENDING_CHALLENGES + 5; i += 1) await startSrp(`user${i}`);
    expect(pendingChallengeCount(pool).srp).toBe(MAX_PENDING_CHALLENGES);
  }, 60_000);
});

describe('user-pool.json', () => {
  const onDisk = (): { users: Array<{ username: string }> } => JSON.parse(readFileSync(join(dataDir, 'user-pool.json'), 'utf8'));

  it('is written after the change returns, not during it, and is complete after flush()', async () => {
    await pool.flush();
    pool.createUser({ username: 'quinn', password: 'Quinn#Local123' });
    expect(onDisk().users.map((user) => user.username)).not.toContain('quinn');
    await pool.flush();
    expect(onDisk().users.map((user) => user.username)).toContain('quinn');
  });

  it('takes many changes in one write (CoalescedJsonWriter)', async () => {
    const path = join(dataDir, 'coalesced.json');
    let snapshots = 0;
    let value = 0;
    const writer = new CoalescedJsonWriter(path, () => {
      snapshots += 1;
      return { value };
    });
    for (value = 1; value <= 100; value += 1) writer.schedule();
    await writer.flush();
    expect(snapshots).toBe(1);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ value: 101 });
  });
});
