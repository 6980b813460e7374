// Verifies a user-pool JWT the way AppSync does before a request runs: signature against the
// pool's JWKS, expiry, issuer, app client (aud for ID tokens, client_id for access tokens) and
// token_use; plus, locally, that the sign-in it came from was not signed out.
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
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
  try {
    decodeProtectedHeader(raw);
    decodeJwt(raw);
  } catch {
    return reject('malformed', MESSAGE_UNPARSABLE);
  }

  let claims: CognitoClaims;
  try {
    const verified = await jwtVerify(raw, createLocalJWKSet(pool.jwks()), {
      algorithms: ['RS256'],
      currentDate: new Date(pool.now()),
      // Every token the pool mints has these; one without exp would never expire.
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    claims = verified.payload as CognitoClaims;
  } catch (error) {
    if (error instanceof errors.JWTExpired) return reject('expired', MESSAGE_EXPIRED);
    if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTInvalid) {
      return reject('malformed', MESSAGE_UNPARSABLE);
    }
    return reject('bad_signature');
  }

  if (claims.iss !== pool.issuer) return reject('wrong_issuer');
  if (claims.token_use !== 'id' && claims.token_use !== 'access') return reject('wrong_token_use');
  if (options.tokenUse && claims.token_use !== options.tokenUse) return reject('wrong_token_use');
  const client = claims.token_use === 'id' ? claims.aud : claims.client_id;
  if (client !== pool.clientId) return reject('wrong_client');
  if (claims.token_use === 'access' && pool.isRevoked(claims)) return reject('revoked');
  return { ok: true, claims };
}
