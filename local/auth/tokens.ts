// Mints Cognito-shaped ID and access tokens (RS256, separate kids) for a sign-in session.
import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { tokenAttributes } from './attribute-schema';
import type { PoolUser, SignInSession, UserPool } from './user-pool';

export interface IssuedTokens {
  AccessToken: string;
  IdToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

async function sign(pool: UserPool, kind: 'id' | 'access', claims: JWTPayload): Promise<string> {
  const key = pool.keys[kind];
  return new SignJWT(claims).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey);
}

/** Claims of an access token, in Cognito's order. */
export function accessTokenClaims(pool: UserPool, user: PoolUser, session: SignInSession, eventId: string, iat: number): JWTPayload {
  return {
    sub: user.sub,
    ...(user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {}),
    iss: pool.issuer,
    client_id: pool.clientId,
    origin_jti: session.originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: session.authTime,
    exp: iat + pool.accessTokenTtlSeconds,
    iat,
    jti: randomUUID(),
    username: user.username,
  };
}

/**
 * Claims of an ID token: the user's attributes in the schema (email, email_verified, custom:*),
 * then the standard claims, which come last so that no attribute can ever replace one.
 */
export function idTokenClaims(pool: UserPool, user: PoolUser, session: SignInSession, eventId: string, iat: number): JWTPayload {
  const { email_verified: emailVerified, phone_number_verified: phoneVerified, ...attributes } = tokenAttributes(
    user.attributes,
    pool.settings.customAttributes,
  );
  return {
    ...attributes,
    sub: user.sub,
    ...(user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {}),
    ...(emailVerified !== undefined ? { email_verified: emailVerified === 'true' } : {}),
    ...(phoneVerified !== undefined ? { phone_number_verified: phoneVerified === 'true' } : {}),
    iss: pool.issuer,
    'cognito:username': user.username,
    origin_jti: session.originJti,
    aud: pool.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: session.authTime,
    exp: iat + pool.idTokenTtlSeconds,
    iat,
    jti: randomUUID(),
  };
}

export async function issueTokens(pool: UserPool, user: PoolUser, session: SignInSession): Promise<IssuedTokens> {
  const iat = Math.floor(pool.now() / 1000);
  const eventId = randomUUID();
  return {
    AccessToken: await sign(pool, 'access', accessTokenClaims(pool, user, session, eventId, iat)),
    IdToken: await sign(pool, 'id', idTokenClaims(pool, user, session, eventId, iat)),
    ExpiresIn: pool.accessTokenTtlSeconds,
    TokenType: 'Bearer',
  };
}
