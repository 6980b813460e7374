/**
 * Who is calling. Identity always comes from the verified token, never from arguments.
 * IAM callers are operators (back-end jobs, consoles): they have no user id, may read any room
 * and delete any message, and reach only the fields marked @aws_iam in the schema.
 */
import { util } from '@aws-appsync/utils';
import type { AppSyncIdentityCognito, AppSyncIdentityIAM, Context } from '@aws-appsync/utils';

export const ADMINS_GROUP = 'Admins';
export const IAM_AUTH_TYPE = 'IAM Authorization';

export function isOperator(): boolean {
  return util.authType() === IAM_AUTH_TYPE;
}

function cognitoIdentity(ctx: Context): AppSyncIdentityCognito {
  return ctx.identity as AppSyncIdentityCognito;
}

/** The caller's user-pool user id (the token's sub). */
export function callerId(ctx: Context): string {
  return cognitoIdentity(ctx).sub;
}

/** Who acted, for the records that say so: the user id, or an operator's IAM ARN. */
export function actorId(ctx: Context): string {
  if (isOperator()) {
    return (ctx.identity as AppSyncIdentityIAM).userArn;
  }
  return callerId(ctx);
}

/** The caller's user-pool user name, shown as a message's sender. */
export function callerName(ctx: Context): string {
  return cognitoIdentity(ctx).username;
}

export function isAdmin(ctx: Context): boolean {
  const groups = cognitoIdentity(ctx).groups ?? [];
  return groups.includes(ADMINS_GROUP);
}

/** Whose reactions are "mine": the user, or nobody for an operator. */
export function viewerId(ctx: Context): string | null {
  if (isOperator()) {
    return null;
  }
  return callerId(ctx);
}
