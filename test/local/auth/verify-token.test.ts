// verifyUserPoolToken: every way a token can be wrong, as a table, each with its stable
// reason and AppSync's message; and ctx.identity built from verified claims.
import { webcrypto } from 'node:crypto';
import { generateKeyPair, SignJWT, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { buildCognitoIdentity } from '../../../local/auth/identity';
import { SEED_USERS } from '../../../local/auth/seed-users';
import { UserPool } from '../../../local/auth/user-pool';
import { verifyUserPoolToken } from '../../../local/auth/verify-token';
import { defined } from './defined';

type CryptoKey = webcrypto.CryptoKey;
import { callCognito, signInWithPassword, type SignedInTokens } from './sign-in';

const password = (name: string): string => defined(SEED_USERS.find((u) => u.username === name), name).password;

let clock = Date.UTC(2026, 10, 22, 12, 0, 0);
let pool: UserPool;
let alice: SignedInTokens;
let carol: SignedInTokens;
let revokedAccessToken: string;
let otherKey: CryptoKey;

/** Re-signs a real token's claims, changed, with the pool's own key (or another key). */
async function forge(token: string, change: Partial<JWTPayload> & Record<string, unknown>, key?: CryptoKey): Promise<string> {
  const { kid } = decodeProtectedHeader(token);
  const claims = { ...decodeJwt(token), ...change };
  const kind = claims.token_use === 'id' || decodeJwt(token).token_use === 'id' ? 'id' : 'access';
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key ?? pool.keys[kind].privateKey);
}

beforeAll(async () => {
  pool = await UserPool.open({ now: () => clock, issuerBaseUrl: 'https://127.0.0.1:4566' });
  alice = await signInWithPassword(pool, 'alice', password('alice'));
  carol = await signInWithPassword(pool, 'carol', password('carol'));
  const bob = await signInWithPassword(pool, 'bob', password('bob'));
  revokedAccessToken = bob.AccessToken;
  const signOut = await callCognito(pool, 'GlobalSignOut', { AccessToken: bob.AccessToken });
  expect(signOut.status).toBe(200);
  otherKey = (await generateKeyPair('RS256')).privateKey;
});

describe('verifyUserPoolToken', () => {
  it.each([
    ['an access token', () => alice.AccessToken, 'access'],
    ['an ID token', () => alice.IdToken, 'id'],
    ['a token with a Bearer prefix', () => `Bearer ${alice.AccessToken}`, 'access'],
  ])('accepts %s', async (_label, token, tokenUse) => {
    const result = await verifyUserPoolToken(pool, token());
    expect(result.ok && result.claims).toMatchObject({ token_use: tokenUse, iss: `https://127.0.0.1:4566/${pool.poolId}`, sub: pool.getUser('alice').sub });
  });

  const NOT_PROVIDED = 'Valid authorization header not provided.';
  it.each<[string, () => Promise<string> | string, string, string]>([
    ['no token', () => '', 'missing', NOT_PROVIDED],
    ['only a Bearer prefix', () => 'Bearer ', 'missing', NOT_PROVIDED],
    ['not a JWT', () => 'not-a-jwt', 'malformed', 'Unable to parse JWT token.'],
    ['three garbage parts', () => 'a.b.c', 'malformed', 'Unable to parse JWT token.'],
    ['a signature by another key', () => forge(alice.AccessToken, {}, otherKey), 'bad_signature', NOT_PROVIDED],
    ['a tampered payload', () => `${alice.AccessToken.split('.')[0]}.${Buffer.from(JSON.stringify({ ...decodeJwt(alice.AccessToken), username: 'bob' })).toString('base64url')}.${alice.AccessToken.split('.')[2]}`, 'bad_signature', NOT_PROVIDED],
    ['an unknown kid', async () => new SignJWT(decodeJwt(alice.AccessToken)).setProtectedHeader({ alg: 'RS256', kid: 'unknown' }).sign(otherKey), 'bad_signature', NOT_PROVIDED],
    ['an expired token', () => forge(alice.AccessToken, { exp: Math.floor(clock / 1000) - 1 }), 'expired', 'Token has expired.'],
    ['another issuer', () => forge(alice.AccessToken, { iss: `https://cognito-idp.us-east-1.amazonaws.com/${pool.poolId}` }), 'wrong_issuer', NOT_PROVIDED],
    ['another client (access token)', () => forge(alice.AccessToken, { client_id: 'someotherclient' }), 'wrong_client', NOT_PROVIDED],
    ['another client (ID token)', () => forge(alice.IdToken, { aud: 'someotherclient' }), 'wrong_client', NOT_PROVIDED],
    ['token_use refresh', () => forge(alice.AccessToken, { token_use: 'refresh' }), 'wrong_token_use', NOT_PROVIDED],
    ['no token_use', () => forge(alice.AccessToken, { token_use: undefined }), 'wrong_token_use', NOT_PROVIDED],
    ['a globally signed-out sign-in', () => revokedAccessToken, 'revoked', NOT_PROVIDED],
    // Signed by the pool's own key, so only the claim checks can refuse them.
    ['an access token without exp', () => forge(alice.AccessToken, { exp: undefined }), 'malformed', 'Unable to parse JWT token.'],
    ['an ID token without exp', () => forge(alice.IdToken, { exp: undefined }), 'malformed', 'Unable to parse JWT token.'],
    ['an exp that is not a number', () => forge(alice.AccessToken, { exp: 'never' as never }), 'malformed', 'Unable to parse JWT token.'],
    ['a token without iat', () => forge(alice.AccessToken, { iat: undefined }), 'malformed', 'Unable to parse JWT token.'],
    ['a token without sub', () => forge(alice.IdToken, { sub: undefined }), 'malformed', 'Unable to parse JWT token.'],
    ['a token without exp, iat and token_use', () => forge(alice.AccessToken, { exp: undefined, iat: undefined, token_use: undefined }), 'malformed', 'Unable to parse JWT token.'],
  ])('rejects %s', async (_label, token, reason, message) => {
    const usersBefore = JSON.stringify(pool.listUsers());
    await expect(verifyUserPoolToken(pool, await token())).resolves.toEqual({ ok: false, reason, message });
    expect(JSON.stringify(pool.listUsers())).toBe(usersBefore);
  });

  it('rejects a token after its lifetime on the pool clock', async () => {
    const saved = clock;
    clock += 3601 * 1000;
    try {
      await expect(verifyUserPoolToken(pool, alice.AccessToken)).resolves.toEqual({ ok: false, reason: 'expired', message: 'Token has expired.' });
    } finally {
      clock = saved;
    }
  });

  it('restricts to one token_use when asked', async () => {
    await expect(verifyUserPoolToken(pool, alice.IdToken, { tokenUse: 'access' })).resolves.toMatchObject({ ok: false, reason: 'wrong_token_use' });
  });
});

describe('pool.isRevoked, the cheap re-check for claims already verified', () => {
  it('says revoked for both tokens of a signed-out sign-in, and not for a live one', async () => {
    const bob = await signInWithPassword(pool, 'bob', password('bob'));
    const [access, id] = await Promise.all([verifyUserPoolToken(pool, bob.AccessToken), verifyUserPoolToken(pool, bob.IdToken)]);
    if (!access.ok || !id.ok) throw new Error('bob signs in');
    expect([pool.isRevoked(access.claims), pool.isRevoked(id.claims)]).toEqual([false, false]);
    await callCognito(pool, 'GlobalSignOut', { AccessToken: bob.AccessToken });
    expect([pool.isRevoked(access.claims), pool.isRevoked(id.claims)]).toEqual([true, true]);
    await expect(verifyUserPoolToken(pool, bob.AccessToken)).resolves.toMatchObject({ ok: false, reason: 'revoked' });
    expect(pool.isRevoked(decodeJwt(alice.AccessToken))).toBe(false);
  });

  it('says revoked for claims without a sign-in it knows', () => {
    expect([pool.isRevoked({}), pool.isRevoked({ origin_jti: 'unknown' })]).toEqual([true, true]);
  });
});

describe('buildCognitoIdentity', () => {
  it('builds ctx.identity from an access token', async () => {
    const verified = await verifyUserPoolToken(pool, alice.AccessToken);
    if (!verified.ok) throw new Error(verified.message);
    expect(buildCognitoIdentity(verified.claims, ['203.0.113.9'], 'ALLOW')).toEqual({
      sub: pool.getUser('alice').sub,
      issuer: `https://127.0.0.1:4566/${pool.poolId}`,
      username: 'alice',
      claims: verified.claims,
      sourceIp: ['203.0.113.9'],
      defaultAuthStrategy: 'ALLOW',
      groups: ['Admins', 'Members'],
    });
  });

  it('takes the username from cognito:username in an ID token, and groups null when none', async () => {
    const verified = await verifyUserPoolToken(pool, carol.IdToken);
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.claims['cognito:groups']).toBeUndefined();
    expect(buildCognitoIdentity(verified.claims, [], 'DENY')).toMatchObject({ username: 'carol', groups: null, defaultAuthStrategy: 'DENY' });
  });
});
