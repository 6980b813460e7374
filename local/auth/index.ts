// The local twin's user pool: store, tokens, Cognito API, verification for GraphQL/realtime, SigV4.
export { UserPool, type UserPoolOptions, type PoolUser, type PoolGroup, type UserStatus } from './user-pool';
export { SEED_USERS, SEED_GROUPS, type SeedUser } from './seed-users';
export { handleCognitoRequest, type CognitoRequest, type CognitoResponse } from './cognito-api';
export { createCognitoHttpHandler, openIdConfiguration, type CognitoHttpHandler } from './http-handler';
export {
  verifyUserPoolToken,
  MESSAGE_EXPIRED,
  MESSAGE_NOT_PROVIDED,
  MESSAGE_UNPARSABLE,
  type CognitoClaims,
  type TokenRejection,
  type TokenVerification,
} from './verify-token';
export { buildCognitoIdentity, type AppSyncCognitoIdentity } from './identity';
export { verifySigV4Request, type AppSyncIamIdentity, type SigV4Verification, type SignedRequest } from './sigv4';
export { IN_MEMORY_CREDENTIALS, type LocalCredentials } from './local-credentials';
export { CognitoError } from './cognito-error';
export type { JsonWebKeySet } from './signing-keys';
