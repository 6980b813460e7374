/**
 * Settings of the chat user pool that more than one part needs: the CDK user pool uses them to
 * build the pool, and the amplify_outputs.json writer describes the same pool to clients.
 * Plain data, so that reading them does not load the CDK.
 */

/** The Cognito groups of the chat API (DESIGN.md §2). A user in neither group can do nothing. */
export const chatUserGroups = [
  { name: 'Admins', precedence: 0, description: 'Chat administrators: may remove members and delete any message.' },
  { name: 'Members', precedence: 1, description: 'Chat members: may create, join and use rooms.' },
] as const;

export type ChatUserGroupName = (typeof chatUserGroups)[number]['name'];

/** Strong password policy (also satisfies cdk-nag AwsSolutions-COG1). */
export const passwordPolicy = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  tempPasswordValidityDays: 3,
} as const;

/** MFA is optional and by authenticator app only (no SMS: no SNS role, no per-message cost). */
export const mfaSettings = { mode: 'OPTIONAL', methods: ['TOTP'] } as const;

/**
 * The user pool itself. Self sign-up is off: admins invite users (AdminCreateUser) and put them
 * in a group, since a user in no group can do nothing anyway. Sign-in by username or verified
 * email, case-insensitively; email is the one required attribute, and mutable. No custom
 * attributes.
 */
export const userPoolSettings = {
  selfSignUpEnabled: false,
  signInAliases: { username: true, email: true },
  signInCaseSensitive: false,
  email: { required: true, mutable: true },
  customAttributes: [] as readonly string[],
} as const;

/**
 * The one app client. Unknown users answer like wrong passwords (preventUserExistenceErrors);
 * revocation is on so GlobalSignOut and RevokeToken invalidate tokens.
 */
export const appClientSettings = {
  authFlows: { userSrp: true, userPassword: true },
  preventUserExistenceErrors: true,
  enableTokenRevocation: true,
  accessTokenValidityMinutes: 60,
  idTokenValidityMinutes: 60,
  refreshTokenValidityDays: 30,
} as const;
