// What util.authType() answers when the caller did not say: inferred from the identity's shape
// (reference §3.1 and §7). Runs inside the realm, so it uses nothing but plain JavaScript.

export const AUTH_TYPE = {
  apiKey: 'API Key Authorization',
  iam: 'IAM Authorization',
  userPool: 'User Pool Authorization',
  openIdConnect: 'Open ID Connect Authorization',
  /** UNVERIFIED: the reference has no recorded string for Lambda authorization. */
  lambda: 'Lambda Authorization',
} as const;

export function authTypeOfIdentity(identity: unknown): string {
  if (typeof identity !== 'object' || identity === null) return AUTH_TYPE.apiKey;
  const has = (key: string): boolean => Object.hasOwn(identity, key);
  if (has('resolverContext')) return AUTH_TYPE.lambda;
  if (has('accountId') || has('userArn') || has('cognitoIdentityPoolId')) return AUTH_TYPE.iam;
  if (has('username') || has('groups') || has('defaultAuthStrategy')) return AUTH_TYPE.userPool;
  if (has('sub') || has('issuer') || has('claims')) return AUTH_TYPE.openIdConnect;
  return AUTH_TYPE.apiKey;
}
