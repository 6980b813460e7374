/**
 * `npm run -s token -- <user> [--id]`: signs a user in against the API's user pool (the running
 * twin, or a deployed stack) and prints the access token (the ID token with --id), ready for
 * `-H "Authorization: $TOKEN"`. On the twin the seeded users' passwords are known; otherwise
 * give the password in TOKEN_PASSWORD.
 */
import { SEED_USERS } from '../local/auth/seed-users';
import { readApiOutputs } from './api-outputs';

interface InitiateAuthAnswer {
  AuthenticationResult?: { AccessToken: string; IdToken: string };
  ChallengeName?: string;
  __type?: string;
  message?: string;
}

async function main(args: string[]): Promise<void> {
  const username = args.find((arg) => !arg.startsWith('--'));
  if (!username) throw new Error('usage: npm run -s token -- <user> [--id]   (seeded users: alice, bob, carol)');
  const api = readApiOutputs();
  const password = process.env.TOKEN_PASSWORD ?? (api.onTwin ? SEED_USERS.find((user) => user.username === username)?.password : undefined);
  if (!password) throw new Error(`no password for ${username}: set TOKEN_PASSWORD`);
  const response = await fetch(api.cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: api.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const answer = (await response.json()) as InitiateAuthAnswer;
  if (!answer.AuthenticationResult) {
    throw new Error(answer.ChallengeName ? `${username} must answer ${answer.ChallengeName} first` : `${answer.__type ?? response.status}: ${answer.message ?? 'sign-in failed'}`);
  }
  process.stdout.write(`${args.includes('--id') ? answer.AuthenticationResult.IdToken : answer.AuthenticationResult.AccessToken}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
