// Verifies a user-pool JWT the way AppSync does before a request runs: signature against the
// pool's JWKS, expiry, issuer, app client (aud for ID tokens, client_id for access tokens) and
// token_use; plus, locally, that the sign-in it came from was not signed out.
//
// The signature check (an RSA verification, and before it the pool's keys imported afresh) is
// the costly part and its outcome never changes for a given token text and pool, so each pool
// keeps the claims of the tokens whose signature and claims it verified. Everything that can
// change afterwards is checked on every call, cached or not: expiry against the pool's clock,
// issuer (the server sets its URL after start), client, token_use and, for access tokens, the
// revocation of the sign-in (GlobalSignOut and RevokeToken take effect at once).
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { LruMap } from '../runtime/static/lru-map';
import type { UserPool } from './user-pool';

/** Stable reason codes; `message` carries AppSync's wording. */
export type TokenRejection =
  | 'missing'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'wrong_issuer'
  | 'wrong_client'
  | 'wrong_token_use'
  | 'revoked';

export type CognitoClaims = JWTPayload & Record<string, unknown>;

export type TokenVerification =
  | { ok: true; claims: CognitoClaims }
  | { ok: false; reason: TokenRejection; message: string };

export const MESSAGE_NOT_PROVIDED = 'Valid authorization header not provided.';
export const MESSAGE_UNPARSABLE = 'Unable to parse JWT token.';
export const MESSAGE_EXPIRED = 'Token has expired.';

function reject(reason: TokenRejection, message = MESSAGE_NOT_PROVIDED): TokenVerification {
  return { ok: false, reason, message };
}

export interface VerifyOptions {
  /** Accept only this kind of token; AppSync accepts both (the default). */
  tokenUse?: 'id' | 'access';
}

export async function verifyUserPoolToken(
  pool: UserPool,
  token: string | undefined | null,
  options: VerifyOptions = {},
): Promise<TokenVerification> {
  const raw = (token ?? '').replace(/^Bearer\s+/i, '').trim();
  if (raw === '') return reject('missing');

  const verified = await verifiedClaims(pool, raw);
  if (!verified.ok) return verified;
  const { claims } = verified;
  if (claims.iss !== pool.issuer) return reject('wrong_issuer');
  if (claims.token_use !== 'id' && claims.token_use !== 'access') return reject('wrong_token_use');
  if (options.tokenUse && claims.token_use !== options.tokenUse) return reject('wrong_token_use');
  const client = claims.token_use === 'id' ? claims.aud : claims.client_id;
  if (client !== pool.clientId) return reject('wrong_client');
  if (claims.token_use === 'access' && pool.isRevoked(claims)) return reject('revoked');
  return { ok: true, claims };
}

/** Verified tokens kept per pool (a token is about 1 KB; its claims less). */
export const VERIFIED_TOKEN_CACHE_ENTRIES = 4_096;

interface PoolVerifier {
  keySet: ReturnType<typeof createLocalJWKSet>;
  verified: LruMap<string, CognitoClaims>;
}

const verifiers = new WeakMap<UserPool, PoolVerifier>();

function verifierOf(pool: UserPool): PoolVerifier {
  let verifier = verifiers.get(pool);
  if (verifier === undefined) {
    // A pool's signing keys are fixed for its lifetime (pool.keys is read-only).
    verifier = { keySet: createLocalJWKSet(pool.jwks()), verified: new LruMap(VERIFIED_TOKEN_CACHE_ENTRIES) };
    verifiers.set(pool, verifier);
  }
  return verifier;
}

/** The token's signature, structure and expiry; the claims are the caller's own copy. */
async function verifiedClaims(pool: UserPool, raw: string): Promise<{ ok: true; claims: CognitoClaims } | Extract<TokenVerification, { ok: false }>> {
  const verifier = verifierOf(pool);
  const known = verifier.verified.get(raw);
  if (known !== undefined) {
    // jose's rule: expired once exp <= now, in whole seconds.
    if ((known.exp as number) <= Math.floor(pool.now() / 1000)) return { ok: false, reason: 'expired', message: MESSAGE_EXPIRED };
    return { ok: true, claims: structuredClone(known) };
  }
  try {
    decodeProtectedHeader(raw);
    decodeJwt(raw);
  } catch {
    return { ok: false, reason: 'malformed', message: MESSAGE_UNPARSABLE };
  }
  let claims: CognitoClaims;
  try {
    const verified = await jwtVerify(raw, verifier.keySet, {
      algorithms: ['RS256'],
      currentDate: new Date(pool.now()),
      // Every token the pool mints has these; one without exp would never expire.
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    claims = verified.payload as CognitoClaims;
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired', message: MESSAGE_EXPIRED };
    if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTInvalid) {
      return { ok: false, reason: 'malformed', message: MESSAGE_UNPARSABLE };
    }
    return { ok: false, reason: 'bad_signature', message: MESSAGE_NOT_PROVIDED };
  }
  // A not-before time would be one more clock check per call; the pool never sets nbf.
  if (claims.nbf === undefined) verifier.verified.set(raw, structuredClone(claims));
  return { ok: true, claims };
}
