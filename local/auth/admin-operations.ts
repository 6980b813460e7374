// The administrative side of the Cognito API (IAM-signed calls): users and groups. The caller
// (cognito-api) has checked the signature and the UserPoolId of every call before these run.
import { randomBytes } from 'node:crypto';
import { CognitoError } from './cognito-error';
import { userAttributesOf } from './auth-flows';
import { paginate } from './pagination';
import { attributeList, optionalString, requiredString, type RequestInput } from './request-input';
import type { PoolGroup, PoolUser, UserPool } from './user-pool';

type Answer = Record<string, unknown>;

/** AWS JSON protocol timestamps are epoch seconds. */
const seconds = (ms: number): number => ms / 1000;

function userType(user: PoolUser): Answer {
  return {
    Username: user.username,
    Attributes: userAttributesOf(user),
    UserCreateDate: seconds(user.createdAt),
    UserLastModifiedDate: seconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

function groupType(pool: UserPool, group: PoolGroup): Answer {
  return {
    GroupName: group.name,
    UserPoolId: pool.poolId,
    ...(group.description !== undefined ? { Description: group.description } : {}),
    ...(group.precedence !== undefined ? { Precedence: group.precedence } : {}),
    LastModifiedDate: seconds(group.updatedAt),
    CreationDate: seconds(group.createdAt),
  };
}

/** A temporary password that meets the stack's policy (18 characters), for AdminCreateUser without one. */
function temporaryPassword(): string {
  return `Tmp#${randomBytes(9).toString('base64url')}1a`;
}

/** List order and page key: users in creation order (name breaks ties), groups by name. */
const userKey = (user: PoolUser): string => `${String(user.createdAt).padStart(16, '0')}|${user.username}`;
const groupKey = (group: PoolGroup): string => group.name;

export async function adminCreateUser(pool: UserPool, input: RequestInput): Promise<Answer> {
  const user = pool.createUser({
    username: requiredString(input, 'Username'),
    password: optionalString(input, 'TemporaryPassword') ?? temporaryPassword(),
    attributes: attributeList(input, 'UserAttributes'),
    status: 'FORCE_CHANGE_PASSWORD',
  });
  return { User: userType(user) };
}

export async function adminSetUserPassword(pool: UserPool, input: RequestInput): Promise<Answer> {
  pool.setPassword(requiredString(input, 'Username'), requiredString(input, 'Password'), input.Permanent === true);
  return {};
}

export async function adminGetUser(pool: UserPool, input: RequestInput): Promise<Answer> {
  const user = pool.getUser(requiredString(input, 'Username'));
  const { Attributes, ...rest } = userType(user);
  return { ...rest, UserAttributes: Attributes };
}

export async function adminDeleteUser(pool: UserPool, input: RequestInput): Promise<Answer> {
  pool.deleteUser(requiredString(input, 'Username'));
  return {};
}

export async function adminUpdateUserAttributes(pool: UserPool, input: RequestInput): Promise<Answer> {
  pool.updateAttributes(requiredString(input, 'Username'), attributeList(input, 'UserAttributes'));
  return {};
}

export async function adminDisableUser(pool: UserPool, input: RequestInput): Promise<Answer> {
  pool.setEnabled(requiredString(input, 'Username'), false);
  return {};
}

export async function adminEnableUser(pool: UserPool, input: RequestInput): Promise<Answer> {
  pool.setEnabled(requiredString(input, 'Username'), true);
  return {};
}

export async function adminUserGlobalSignOut(pool: UserPool, input: RequestInput): Promise<Answer> {
  const username = requiredString(input, 'Username');
  pool.getUser(username);
  pool.revokeAllSessions(username);
  return {};
}

export async function adminConfirmSignUp(pool: UserPool, input: RequestInput): Promise<Answer> {
  const username = requiredString(input, 'Username');
  if (pool.getUser(username).status !== 'UNCONFIRMED') {
    throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${pool.getUser(username).status}`);
  }
  pool.confirmUser(username);
  return {};
}

export async function adminAddUserToGroup(pool: UserPool, input: RequestInput): Promise<Answer> {
  pool.addUserToGroup(requiredString(input, 'Username'), requiredString(input, 'GroupName'));
  return {};
}

export async function adminRemoveUserFromGroup(pool: UserPool, input: RequestInput): Promise<Answer> {
  pool.removeUserFromGroup(requiredString(input, 'Username'), requiredString(input, 'GroupName'));
  return {};
}

export async function adminListGroupsForUser(pool: UserPool, input: RequestInput): Promise<Answer> {
  const user = pool.getUser(requiredString(input, 'Username'));
  const groups = user.groups.map((name) => pool.getGroup(name));
  const page = paginate(groups, groupKey, { secret: pool.paginationSecret, list: `AdminListGroupsForUser:${user.sub}`, input, tokenMember: 'NextToken' });
  return { Groups: page.items.map((group) => groupType(pool, group)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

export async function createGroup(pool: UserPool, input: RequestInput): Promise<Answer> {
  const precedence = typeof input.Precedence === 'number' ? input.Precedence : undefined;
  const group = pool.createGroup(requiredString(input, 'GroupName'), optionalString(input, 'Description'), precedence);
  return { Group: groupType(pool, group) };
}

export async function getGroup(pool: UserPool, input: RequestInput): Promise<Answer> {
  return { Group: groupType(pool, pool.getGroup(requiredString(input, 'GroupName'))) };
}

export async function listGroups(pool: UserPool, input: RequestInput): Promise<Answer> {
  const page = paginate(pool.listGroups(), groupKey, { secret: pool.paginationSecret, list: 'ListGroups', input, tokenMember: 'NextToken' });
  return { Groups: page.items.map((group) => groupType(pool, group)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** ListUsers Filter: `attribute = "value"` or `attribute ^= "prefix"`. */
function userFilter(filter: string | undefined): (user: PoolUser) => boolean {
  if (!filter) return () => true;
  const match = /^\s*([\w:]+)\s*(=|\^=)\s*"(.*)"\s*$/.exec(filter);
  if (!match) throw new CognitoError('InvalidParameterException', 'Error while parsing filter.');
  const [, attribute, operator, wanted] = match;
  return (user) => {
    const value = attribute === 'username' ? user.username : attribute === 'sub' ? user.sub : user.attributes[attribute];
    if (value === undefined) return false;
    return operator === '=' ? value === wanted : value.startsWith(wanted);
  };
}

export async function listUsers(pool: UserPool, input: RequestInput): Promise<Answer> {
  const filter = optionalString(input, 'Filter');
  const keep = userFilter(filter);
  const page = paginate(pool.listUsers().filter(keep), userKey, {
    secret: pool.paginationSecret,
    list: `ListUsers:${filter ?? ''}`,
    input,
    tokenMember: 'PaginationToken',
  });
  return { Users: page.items.map(userType), ...(page.nextToken ? { PaginationToken: page.nextToken } : {}) };
}

export async function listUsersInGroup(pool: UserPool, input: RequestInput): Promise<Answer> {
  const groupName = requiredString(input, 'GroupName');
  const page = paginate(pool.usersInGroup(groupName), userKey, {
    secret: pool.paginationSecret,
    list: `ListUsersInGroup:${groupName}`,
    input,
    tokenMember: 'NextToken',
  });
  return { Users: page.items.map(userType), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}
