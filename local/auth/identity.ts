// ctx.identity for AMAZON_COGNITO_USER_POOLS, built from verified claims as AppSync builds it.
import type { CognitoClaims } from './verify-token';

export interface AppSyncCognitoIdentity {
  sub: string;
  issuer: string;
  username: string;
  claims: CognitoClaims;
  sourceIp: string[];
  defaultAuthStrategy: 'ALLOW' | 'DENY';
  /** null, not [], for a user in no group. */
  groups: string[] | null;
}

export function buildCognitoIdentity(
  claims: CognitoClaims,
  sourceIp: string[],
  defaultAuthStrategy: 'ALLOW' | 'DENY',
): AppSyncCognitoIdentity {
  const groups = claims['cognito:groups'];
  const username = claims.username ?? claims['cognito:username'];
  return {
    sub: String(claims.sub ?? ''),
    issuer: String(claims.iss ?? ''),
    username: typeof username === 'string' ? username : '',
    claims,
    sourceIp,
    defaultAuthStrategy,
    groups: Array.isArray(groups) && groups.length > 0 ? groups.map(String) : null,
  };
}
