// Errors of the Cognito Identity Provider API: a name (the __type / x-amzn-ErrorType) and
// Cognito's message. Thrown inside the pool and turned into a 400 answer at the API edge.
export class CognitoError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = errorType;
  }
}

export const incorrectCredentials = (): CognitoError =>
  new CognitoError('NotAuthorizedException', 'Incorrect username or password.');

export const userNotFound = (): CognitoError => new CognitoError('UserNotFoundException', 'User does not exist.');

export const groupNotFound = (): CognitoError => new CognitoError('ResourceNotFoundException', 'Group not found.');

/** AWS's request-validation wording, e.g. for a missing required member. */
export const missingParameter = (member: string): CognitoError =>
  new CognitoError(
    'InvalidParameterException',
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
