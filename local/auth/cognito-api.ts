// The Cognito Identity Provider JSON API (x-amz-target: AWSCognitoIdentityProviderService.<Op>)
// as one pure function from request to response. Admin operations need a SigV4 signature by
// the twin's local credentials (service cognito-idp), as the AWS SDK sends them.
import { randomUUID } from 'node:crypto';
import * as admin from './admin-operations';
import * as flows from './auth-flows';
import { CognitoError } from './cognito-error';
import { assertPoolId, type RequestInput } from './request-input';
import { verifySigV4Request, type HeaderMap } from './sigv4';
import type { UserPool } from './user-pool';

export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface CognitoRequest {
  /** The x-amz-target header, e.g. AWSCognitoIdentityProviderService.InitiateAuth. */
  target: string;
  /** Raw body as received (needed verbatim for signature checks). */
  body: string;
  headers: HeaderMap;
  /** For the signature of admin calls; default POST and "/". */
  method?: string;
  url?: string;
}

export interface CognitoResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Operation = (pool: UserPool, input: RequestInput) => Promise<Record<string, unknown>>;

const PUBLIC_OPERATIONS: Partial<Record<string, Operation>> = {
  InitiateAuth: flows.initiateAuth,
  RespondToAuthChallenge: flows.respondToAuthChallenge,
  GetTokensFromRefreshToken: flows.getTokensFromRefreshToken,
  GetUser: flows.getUser,
  GlobalSignOut: flows.globalSignOut,
  RevokeToken: flows.revokeToken,
  UpdateUserAttributes: flows.updateUserAttributes,
  ChangePassword: flows.changePassword,
  DeleteUser: flows.deleteUser,
  SignUp: flows.signUp,
  ConfirmSignUp: flows.confirmSignUp,
};

const ADMIN_OPERATIONS: Partial<Record<string, Operation>> = {
  AdminCreateUser: admin.adminCreateUser,
  AdminSetUserPassword: admin.adminSetUserPassword,
  AdminGetUser: admin.adminGetUser,
  AdminDeleteUser: admin.adminDeleteUser,
  AdminConfirmSignUp: admin.adminConfirmSignUp,
  AdminUpdateUserAttributes: admin.adminUpdateUserAttributes,
  AdminDisableUser: admin.adminDisableUser,
  AdminEnableUser: admin.adminEnableUser,
  AdminUserGlobalSignOut: admin.adminUserGlobalSignOut,
  AdminAddUserToGroup: admin.adminAddUserToGroup,
  AdminRemoveUserFromGroup: admin.adminRemoveUserFromGroup,
  AdminListGroupsForUser: admin.adminListGroupsForUser,
  CreateGroup: admin.createGroup,
  GetGroup: admin.getGroup,
  ListGroups: admin.listGroups,
  ListUsers: admin.listUsers,
  ListUsersInGroup: admin.listUsersInGroup,
};

function respond(status: number, body: unknown, extra: Record<string, string> = {}): CognitoResponse {
  return {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': randomUUID(), ...extra },
    body: JSON.stringify(body),
  };
}

export function errorResponse(error: CognitoError): CognitoResponse {
  return respond(error.status, { __type: error.errorType, message: error.message }, { 'x-amzn-errortype': error.errorType });
}

async function assertAdminSignature(pool: UserPool, request: CognitoRequest): Promise<void> {
  const result = await verifySigV4Request(
    { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body: request.body },
    pool.credentials,
    { service: 'cognito-idp', now: pool.now },
  );
  if (result.ok) return;
  // Cognito speaks the AWS JSON protocol: authentication failures are 400s.
  if (result.status === 401) throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  throw new CognitoError(result.errorType, result.message);
}

export async function handleCognitoRequest(pool: UserPool, request: CognitoRequest): Promise<CognitoResponse> {
  try {
    const operationName = request.target.startsWith(TARGET_PREFIX) ? request.target.slice(TARGET_PREFIX.length) : '';
    const publicOperation = Object.hasOwn(PUBLIC_OPERATIONS, operationName) ? PUBLIC_OPERATIONS[operationName] : undefined;
    const adminOperation = Object.hasOwn(ADMIN_OPERATIONS, operationName) ? ADMIN_OPERATIONS[operationName] : undefined;
    const operation = publicOperation ?? adminOperation;
    if (!operation) {
      throw new CognitoError('UnsupportedOperationException', `The local user pool does not support ${request.target || 'this operation'}.`);
    }
    let input: unknown;
    try {
      input = request.body.trim() === '' ? {} : JSON.parse(request.body);
    } catch {
      throw new CognitoError('SerializationException', 'Start of structure or map found where not expected.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new CognitoError('SerializationException', 'Start of structure or map found where not expected.');
    }
    if (adminOperation) {
      await assertAdminSignature(pool, request);
      assertPoolId(pool, input as RequestInput);
    }
    const output = await operation(pool, input as RequestInput);
    return respond(200, output);
  } catch (error) {
    if (error instanceof CognitoError) return errorResponse(error);
    return errorResponse(new CognitoError('InternalErrorException', error instanceof Error ? error.message : String(error), 500));
  }
}
