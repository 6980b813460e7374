// A token verified once is not verified by signature again, but whatever can change after its
// first verification still decides every later one: the pool's clock (expiry), the sign-in's
// revocation (GlobalSignOut, RevokeToken), the issuer and the kind of token asked for.
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { verifyUserPoolToken } from '../../../local/auth/verify-token';
import { defined } from './defined';
import { callCognito, signInWithPassword } from './sign-in';

const password = (name: string): string => defined(SEED_USERS.find((u) => u.username === name), name).password;
const NOT_PROVIDED = 'Valid authorization header not provided.';

let clock = Date.UTC(2026, 10, 22, 12, 0, 0);
let pool: UserPool;

beforeEach(async () => {
  clock = Date.UTC(2026, 10, 22, 12, 0, 0);
  pool = await UserPool.open({ now: () => clock, issuerBaseUrl: 'https://127.0.0.1:4566' });
});

/** Verifies twice first, so the checks below run on a token the pool already knows. */
async function known(token: string) {
  const first = await verifyUserPoolToken(pool, token);
  const second = await verifyUserPoolToken(pool, token);
  expect(first.ok).toBe(true);
  expect(second).toEqual(first);
}

describe('a verified token, verified again', () => {
  it.each(['GlobalSignOut', 'RevokeToken'])('is refused at once after %s of its sign-in', async (operation) => {
    const alice = await signInWithPassword(pool, 'alice', password('alice'));
    await known(alice.AccessToken);
    const input = operation === 'GlobalSignOut' ? { AccessToken: alice.AccessToken } : { Token: alice.RefreshToken, ClientId: pool.clientId };
    expect((await callCognito(pool, operation, input)).status).toBe(200);
    await expect(verifyUserPoolToken(pool, alice.AccessToken)).resolves.toEqual({ ok: false, reason: 'revoked', message: NOT_PROVIDED });
  });

  it('is refused as expired once the pool clock reaches its exp, not a second before', async () => {
    const alice = await signInWithPassword(pool, 'alice', password('alice'));
    await known(alice.IdToken);
    const exp = JSON.parse(Buffer.from(alice.IdToken.split('.')[1], 'base64url').toString()).exp as number;
    clock = exp * 1000 - 1000;
    expect((await verifyUserPoolToken(pool, alice.IdToken)).ok).toBe(true);
    clock = exp * 1000;
    await expect(verifyUserPoolToken(pool, alice.IdToken)).resolves.toEqual({ ok: false, reason: 'expired', message: 'Token has expired.' });
  });

  it('is refused when the pool has since moved to another issuer', async () => {
    const alice = await signInWithPassword(pool, 'alice', password('alice'));
    await known(alice.AccessToken);
    pool.setIssuerBaseUrl('http://127.0.0.1:9999');
    await expect(verifyUserPoolToken(pool, alice.AccessToken)).resolves.toEqual({ ok: false, reason: 'wrong_issuer', message: NOT_PROVIDED });
  });

  it('is refused when another kind of token is asked for', async () => {
    const alice = await signInWithPassword(pool, 'alice', password('alice'));
    await known(alice.IdToken);
    await expect(verifyUserPoolToken(pool, alice.IdToken, { tokenUse: 'access' })).resolves.toEqual({ ok: false, reason: 'wrong_token_use', message: NOT_PROVIDED });
  });

  it('is refused by another pool (whose keys did not sign it)', async () => {
    const alice = await signInWithPassword(pool, 'alice', password('alice'));
    await known(alice.AccessToken);
    const other = await UserPool.open({ now: () => clock, issuerBaseUrl: 'https://127.0.0.1:4566' });
    await expect(verifyUserPoolToken(other, alice.AccessToken)).resolves.toEqual({ ok: false, reason: 'bad_signature', message: NOT_PROVIDED });
  });

  it('gives each caller its own claims: changing them changes no later answer', async () => {
    const alice = await signInWithPassword(pool, 'alice', password('alice'));
    const first = await verifyUserPoolToken(pool, alice.IdToken);
    if (!first.ok) throw new Error(first.reason);
    const expected = structuredClone(first.claims);
    first.claims.sub = 'someone-else';
    (first.claims['cognito:groups'] as string[]).push('Admins-forged');
    const again = await verifyUserPoolToken(pool, alice.IdToken);
    expect(again).toEqual({ ok: true, claims: expected });
    if (!again.ok) return;
    again.claims.sub = 'x';
    expect(await verifyUserPoolToken(pool, alice.IdToken)).toEqual({ ok: true, claims: expected });
  });
});
