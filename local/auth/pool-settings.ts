// The settings of the local pool, taken from the same definition the CDK stack deploys
// (infra/auth-settings.ts, plain data), so the twin refuses what the deployed pool refuses.
import { appClientSettings, chatUserGroups, passwordPolicy, userPoolSettings } from '../../infra/auth-settings';

export interface PasswordPolicy {
  minLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireDigits: boolean;
  requireSymbols: boolean;
}

export interface GroupDefinition {
  name: string;
  precedence: number;
  description: string;
}

export interface PoolSettings {
  /** false: SignUp answers NotAuthorizedException "SignUp is not permitted for this user pool." */
  selfSignUpEnabled: boolean;
  /** Unknown users answer like known ones (sign-in, SRP, ConfirmSignUp). */
  preventUserExistenceErrors: boolean;
  /** false: "Alice" and "alice" are the same user. */
  signInCaseSensitive: boolean;
  /** A verified email signs in like the username. */
  emailSignIn: boolean;
  passwordPolicy: PasswordPolicy;
  accessTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Groups every pool has (the stack creates them). */
  groups: readonly GroupDefinition[];
  /** Custom attributes the pool defines, without the "custom:" prefix. */
  customAttributes: readonly string[];
}

export const STACK_POOL_SETTINGS: PoolSettings = {
  selfSignUpEnabled: userPoolSettings.selfSignUpEnabled,
  preventUserExistenceErrors: appClientSettings.preventUserExistenceErrors,
  signInCaseSensitive: userPoolSettings.signInCaseSensitive,
  emailSignIn: userPoolSettings.signInAliases.email,
  passwordPolicy: {
    minLength: passwordPolicy.minLength,
    requireLowercase: passwordPolicy.requireLowercase,
    requireUppercase: passwordPolicy.requireUppercase,
    requireDigits: passwordPolicy.requireDigits,
    requireSymbols: passwordPolicy.requireSymbols,
  },
  accessTokenTtlSeconds: appClientSettings.accessTokenValidityMinutes * 60,
  idTokenTtlSeconds: appClientSettings.idTokenValidityMinutes * 60,
  refreshTokenTtlSeconds: appClientSettings.refreshTokenValidityDays * 24 * 3600,
  groups: chatUserGroups.map((group) => ({ ...group })),
  customAttributes: userPoolSettings.customAttributes,
};
