// Test helper: a USER_PASSWORD_AUTH sign-in through the pure Cognito API function.
import { handleCognitoRequest } from '../../../local/auth/cognito-api';
import type { UserPool } from '../../../local/auth/user-pool';

export interface SignedInTokens {
  AccessToken: string;
  IdToken: string;
  RefreshToken: string;
}

export async function callCognito(pool: UserPool, operation: string, input: Record<string, unknown>) {
  const response = await handleCognitoRequest(pool, {
    target: `AWSCognitoIdentityProviderService.${operation}`,
    body: JSON.stringify(input),
    headers: { 'content-type': 'application/x-amz-json-1.1' },
  });
  return { status: response.status, headers: response.headers, body: JSON.parse(response.body) as Record<string, unknown> };
}

export async function signInWithPassword(pool: UserPool, username: string, password: string): Promise<SignedInTokens> {
  const { status, body } = await callCognito(pool, 'InitiateAuth', {
    ClientId: pool.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  if (status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body.AuthenticationResult as SignedInTokens;
}
