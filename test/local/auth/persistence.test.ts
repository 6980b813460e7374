// A pool under a data directory: created and seeded once, reopened with the same ids, users,
// keys, credentials and sign-ins; no password in clear on disk.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { verifyUserPoolToken } from '../../../local/auth/verify-token';
import { IN_MEMORY_CREDENTIALS } from '../../../local/auth/local-credentials';
import { callCognito, signInWithPassword } from './sign-in';

let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'user-pool-'));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a pool kept under a data directory', () => {
  it('survives a reopen with its ids, users, keys, credentials and sign-ins', async () => {
    const first = await UserPool.open({ dataDir, region: 'eu-west-1', issuerBaseUrl: 'https://127.0.0.1:4566' });
    expect(first.poolId).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
    expect(first.clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(first.credentials.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(first.credentials.accessKeyId).not.toBe(IN_MEMORY_CREDENTIALS.accessKeyId);
    expect(readdirSync(dataDir).sort()).toEqual(['local-credentials.json', 'user-pool-keys.json', 'user-pool.json']);

    const alice = SEED_USERS[0];
    const tokens = await signInWithPassword(first, alice.username, alice.password);
    first.createUser({ username: 'zoe', password: 'Zoe#Local1234' });
    await first.flush();

    const second = await UserPool.open({ dataDir, region: 'eu-west-1', issuerBaseUrl: 'https://127.0.0.1:4566' });
    expect([second.poolId, second.clientId]).toEqual([first.poolId, first.clientId]);
    expect(second.credentials).toEqual(first.credentials);
    expect(second.jwks()).toEqual(first.jwks());
    expect(second.listUsers().map((u) => u.username)).toEqual(['alice', 'bob', 'carol', 'zoe']);
    expect(second.getUser('alice').groups).toEqual(['Admins', 'Members']);
    await expect(verifyUserPoolToken(second, tokens.AccessToken)).resolves.toMatchObject({ ok: true });
    const refreshed = await callCognito(second, 'GetTokensFromRefreshToken', { ClientId: second.clientId, RefreshToken: tokens.RefreshToken });
    expect(refreshed.status).toBe(200);
    await expect(signInWithPassword(second, 'zoe', 'Zoe#Local1234')).resolves.toHaveProperty('AccessToken');
  });

  it('keeps only salts, verifiers and hashed refresh tokens on disk', async () => {
    const pool = await UserPool.open({ dataDir });
    const tokens = await signInWithPassword(pool, 'bob', SEED_USERS[1].password);
    await pool.flush();
    const onDisk = readFileSync(join(dataDir, 'user-pool.json'), 'utf8');
    for (const seed of SEED_USERS) expect(onDisk).not.toContain(seed.password);
    expect(onDisk).not.toContain('Zoe#Local1234');
    expect(onDisk).not.toContain(tokens.RefreshToken);
    expect(JSON.parse(onDisk).users[0].password).toEqual({ salt: expect.stringMatching(/^[0-9a-f]+$/), verifier: expect.stringMatching(/^[0-9a-f]+$/) });
  });

  it('gives ID and access tokens their own signing key', async () => {
    const pool = await UserPool.open({ dataDir });
    const kids = pool.jwks().keys.map((key) => key.kid);
    expect(new Set(kids).size).toBe(2);
    const tokens = await signInWithPassword(pool, 'carol', SEED_USERS[2].password);
    const kidOf = (token: string): unknown => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
    expect(kidOf(tokens.IdToken)).toBe(pool.keys.id.kid);
    expect(kidOf(tokens.AccessToken)).toBe(pool.keys.access.kid);
    expect(pool.keys.id.kid).not.toBe(pool.keys.access.kid);
  });
});

describe('a pool in memory', () => {
  it('uses the well-known local credentials and seeds no user when asked, but has the stack\'s groups', async () => {
    const pool = await UserPool.open({ seedUsers: false });
    expect(pool.credentials).toEqual(IN_MEMORY_CREDENTIALS);
    expect(pool.listUsers()).toEqual([]);
    expect(pool.listGroups().map((group) => group.name)).toEqual(['Admins', 'Members']);
    expect(pool.poolId).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
  });
});
