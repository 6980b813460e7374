/**
 * Plain messages for what the API and Amplify throw. Amplify's client.graphql rejects with the
 * GraphQL result ({ data, errors: [{ errorType, message }] }); auth calls reject with Errors
 * named after Cognito's exceptions.
 */

interface GraphQLErrorLike {
  errorType?: string;
  message?: string;
}

/** The stable errorType of the first GraphQL error, if the thrown value carries one. */
export function errorTypeOf(error: unknown): string | null {
  const errors = (error as { errors?: GraphQLErrorLike[] } | null)?.errors;
  return Array.isArray(errors) && errors[0]?.errorType ? errors[0].errorType : null;
}

/** AppSync's own group check ("Not Authorized to access <field> on type <type>"). */
export function isGroupDenial(error: unknown): boolean {
  return errorTypeOf(error) === 'Unauthorized' && /^Not Authorized to access/i.test(firstMessage(error));
}

/**
 * The session is over: the token was refused (expired, revoked by a sign-out elsewhere) or
 * Amplify has none it can refresh. Only for API calls; at sign-in a refusal is a wrong password.
 */
export function isSessionEnded(error: unknown): boolean {
  if (errorTypeOf(error) === 'UnauthorizedException') return true;
  const name = error instanceof Error ? error.name : '';
  if (['UserUnAuthenticatedException', 'NoValidAuthTokens', 'NotAuthorizedException'].includes(name)) return true;
  return /No current user|not authenticated|No (valid )?auth token|Unauthorized(Exception)?$|status code 401/i.test(firstMessage(error));
}

/** The room's membership check refused the caller (requireMembership's "Not a member of this room"). */
export function isNotMember(error: unknown): boolean {
  return errorTypeOf(error) === 'Unauthorized' && /not a member/i.test(firstMessage(error));
}

/** "Not a member of this room" -> "not a member of this room." */
function sentence(text: string): string {
  const lowered = text.charAt(0).toLowerCase() + text.slice(1);
  return /[.!?]$/.test(lowered) ? lowered : `${lowered}.`;
}

function firstMessage(error: unknown): string {
  const errors = (error as { errors?: GraphQLErrorLike[] } | null)?.errors;
  if (Array.isArray(errors) && errors[0]?.message) return errors[0].message;
  return error instanceof Error ? error.message : '';
}

/** What a person reads when an operation fails; `action` says what was being done. */
export function plainError(error: unknown, action: string): string {
  const type = errorTypeOf(error);
  const detail = firstMessage(error);
  const name = error instanceof Error ? error.name : '';
  switch (type) {
    case 'ValidationError':
      return `${action}: ${sentence(detail || 'the input is not valid')}`;
    case 'NotFound':
      return `${action}: that room or message does not exist.`;
    case 'Unauthorized':
      if (isGroupDenial(error)) return `${action}: your account is in neither the Members nor the Admins group.`;
      return `${action}: ${sentence(detail || 'you are not allowed to do this')}`;
    case 'Conflict':
      return `${action}: ${sentence(detail || 'it conflicts with a change made meanwhile')}`;
    case 'UnauthorizedException':
      return `${action}: your session has ended. Sign in again.`;
  }
  if (name === 'NotAuthorizedException') return 'Wrong user name or password.';
  if (name === 'UserNotFoundException') return 'Wrong user name or password.';
  if (name === 'UserUnAuthenticatedException' || name === 'NoValidAuthTokens' || /No current user|not authenticated/i.test(detail)) {
    return `${action}: you are signed out. Sign in again.`;
  }
  if (/Network error|Failed to fetch|NetworkError/i.test(detail) || name === 'NetworkError') {
    return `${action}: the server cannot be reached. Check the connection and try again.`;
  }
  return `${action}: ${sentence(detail || 'something went wrong')}`;
}
