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
