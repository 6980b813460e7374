// The sign-in side of the Cognito API: InitiateAuth (USER_SRP_AUTH, USER_PASSWORD_AUTH,
// REFRESH_TOKEN_AUTH), RespondToAuthChallenge (PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED),
// GetTokensFromRefreshToken, GetUser, GlobalSignOut, RevokeToken, SignUp and ConfirmSignUp.
import { randomBytes } from 'node:crypto';
import { CognitoError, incorrectCredentials, userNotFound } from './cognito-error';
import { CHALLENGE_LIFETIME_MS, MAX_PENDING_CHALLENGES } from './limits';
import {
  assertClientId,
  attributeList,
  optionalString,
  requiredString,
  stringMap,
  type RequestInput,
} from './request-input';
import {
  createServerEphemeral,
  deriveSessionKey,
  isValidClientA,
  parseSrpTimestamp,
  passwordClaimSignature,
  signaturesEqual,
  type ServerEphemeral,
  type SrpVerifier,
} from './srp';
import { issueTokens } from './tokens';
import type { PoolUser, UserPool } from './user-pool';
import { verifyUserPoolToken } from './verify-token';

interface PendingSrp {
  /** The user's name, or for an unknown user the name asked for. */
  username: string;
  /** No such user: the verifier is a decoy and the answer always fails. */
  decoy: boolean;
  verifier: SrpVerifier;
  ephemeral: ServerEphemeral;
  clientA: string;
  expiresAt: number;
}

interface PendingNewPassword {
  username: string;
  expiresAt: number;
}

/** Sign-ins half way through a challenge; short-lived, so kept in memory only. */
interface PendingChallenges {
  srp: Map<string, PendingSrp>;
  newPassword: Map<string, PendingNewPassword>;
}

const pendingByPool = new WeakMap<UserPool, PendingChallenges>();

function pendingOf(pool: UserPool): PendingChallenges {
  let pending = pendingByPool.get(pool);
  if (!pending) {
    pending = { srp: new Map(), newPassword: new Map() };
    pendingByPool.set(pool, pending);
  }
  return pending;
}

/** Challenges waiting for an answer, per kind (for the bound's test and for diagnostics). */
export function pendingChallengeCount(pool: UserPool): { srp: number; newPassword: number } {
  const pending = pendingOf(pool);
  return { srp: pending.srp.size, newPassword: pending.newPassword.size };
}

/** Adds a challenge, dropping expired ones and, past MAX_PENDING_CHALLENGES, the oldest. */
function putPending<T extends { expiresAt: number }>(map: Map<string, T>, key: string, entry: T, now: number): void {
  for (const [other, value] of map) if (value.expiresAt < now) map.delete(other);
  while (map.size >= MAX_PENDING_CHALLENGES) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
  map.set(key, entry);
}

/** Takes a challenge (single use); undefined when unknown or expired. */
function takePending<T extends { expiresAt: number }>(map: Map<string, T>, key: string, now: number): T | undefined {
  const entry = map.get(key);
  map.delete(key);
  return entry && entry.expiresAt >= now ? entry : undefined;
}

type Answer = Record<string, unknown>;

const SUPPORTED_FLOWS = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'];
const ALL_FLOWS = [...SUPPORTED_FLOWS, 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH'];

/** A user who proved their password: tokens, or the NEW_PASSWORD_REQUIRED challenge. */
async function completeSignIn(pool: UserPool, user: PoolUser): Promise<Answer> {
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const session = randomBytes(48).toString('base64url');
    putPending(pendingOf(pool).newPassword, session, { username: user.username, expiresAt: pool.now() + CHALLENGE_LIFETIME_MS }, pool.now());
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(user.attributes),
      },
    };
  }
  const { session, refreshToken } = pool.startSession(user.username);
  const tokens = await issueTokens(pool, user, session);
  return { AuthenticationResult: { ...tokens, RefreshToken: refreshToken }, ChallengeParameters: {} };
}

async function refreshTokens(pool: UserPool, refreshToken: string): Promise<Answer> {
  const session = pool.findSessionByRefreshToken(refreshToken);
  const user = session ? pool.findUser(session.username) : undefined;
  if (!session || !user) throw new CognitoError('NotAuthorizedException', 'Invalid Refresh Token');
  if (session.revoked) throw new CognitoError('NotAuthorizedException', 'Refresh Token has been revoked');
  if (session.expiresAt < pool.now()) throw new CognitoError('NotAuthorizedException', 'Refresh Token has expired');
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  return { AuthenticationResult: await issueTokens(pool, user, session), ChallengeParameters: {} };
}

function authParameter(parameters: Record<string, string>, name: string): string {
  const value = parameters[name];
  if (!value) throw new CognitoError('InvalidParameterException', `Missing required parameter ${name}`);
  return value;
}

export async function initiateAuth(pool: UserPool, input: RequestInput): Promise<Answer> {
  assertClientId(pool, input);
  const flow = requiredString(input, 'AuthFlow');
  if (!ALL_FLOWS.includes(flow)) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${ALL_FLOWS.join(', ')}]`,
    );
  }
  if (!SUPPORTED_FLOWS.includes(flow)) throw new CognitoError('InvalidParameterException', 'Initiate Auth method not supported.');
  const parameters = stringMap(input, 'AuthParameters');

  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    return refreshTokens(pool, authParameter(parameters, 'REFRESH_TOKEN'));
  }

  const username = authParameter(parameters, 'USERNAME');
  if (flow === 'USER_PASSWORD_AUTH') return passwordSignIn(pool, username, authParameter(parameters, 'PASSWORD'));

  // USER_SRP_AUTH: answer the PASSWORD_VERIFIER challenge; the password never travels.
  const clientA = authParameter(parameters, 'SRP_A');
  if (!isValidClientA(clientA)) throw new CognitoError('InvalidParameterException', 'SRP_A is invalid.');
  const user = pool.findUser(username);
  if (!user && !pool.settings.preventUserExistenceErrors) throw userNotFound();
  // An unknown user gets the same challenge, from a decoy verifier with a salt stable per name
  // (Cognito does the same with user-existence errors prevented); its answer then fails as a
  // wrong password would. SRP_B is fresh per challenge for both, as b is random.
  const verifier = user ? user.password : pool.decoyVerifier(username);
  const userId = user ? user.username : username;
  const ephemeral = createServerEphemeral(verifier.verifier);
  const secretBlock = randomBytes(64).toString('base64');
  const pending: PendingSrp = { username: userId, decoy: !user, verifier, ephemeral, clientA, expiresAt: pool.now() + CHALLENGE_LIFETIME_MS };
  putPending(pendingOf(pool).srp, secretBlock, pending, pool.now());
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: verifier.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: ephemeral.B,
      USERNAME: userId,
      USER_ID_FOR_SRP: userId,
    },
  };
}

/** The lockout key: the user's own name when they exist, else the name asked for. */
function lockoutKey(pool: UserPool, user: PoolUser | undefined, name: string): string {
  return pool.userKey(user ? user.username : name);
}

/**
 * USER_PASSWORD_AUTH. An unknown user costs the same exponentiation (against a decoy
 * verifier), counts towards a lockout and answers as a wrong password does.
 */
async function passwordSignIn(pool: UserPool, username: string, password: string): Promise<Answer> {
  const user = pool.findUser(username);
  if (!user && !pool.settings.preventUserExistenceErrors) throw userNotFound();
  const key = lockoutKey(pool, user, username);
  pool.lockout.assertNotLocked(key, pool.now());
  const matches = user ? pool.passwordMatches(user, password) : pool.passwordMatchesDecoy(username, password);
  if (!user || !matches) {
    pool.lockout.recordFailure(key, pool.now());
    throw incorrectCredentials();
  }
  pool.lockout.recordSuccess(key);
  return completeSignIn(pool, user);
}

async function passwordVerifier(pool: UserPool, responses: Record<string, string>): Promise<Answer> {
  const secretBlock = authParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = authParameter(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = authParameter(responses, 'TIMESTAMP');
  if (parseSrpTimestamp(timestamp) === undefined) {
    throw new CognitoError('InvalidParameterException', 'TIMESTAMP format is invalid.');
  }
  const pending = takePending(pendingOf(pool).srp, secretBlock, pool.now());
  if (!pending) throw incorrectCredentials();
  const user = pending.decoy ? undefined : pool.findUser(pending.username);
  const key = lockoutKey(pool, user, pending.username);
  pool.lockout.assertNotLocked(key, pool.now());
  // The same derivation for a decoy, so both answers take as long.
  const sessionKey = deriveSessionKey(pending.clientA, pending.ephemeral, pending.verifier.verifier);
  const expected = passwordClaimSignature(sessionKey, pool.poolName, pending.username, secretBlock, timestamp);
  const matches = signaturesEqual(expected, signature);
  if (!user || !matches) {
    pool.lockout.recordFailure(key, pool.now());
    throw incorrectCredentials();
  }
  pool.lockout.recordSuccess(key);
  return completeSignIn(pool, user);
}

async function newPasswordRequired(pool: UserPool, responses: Record<string, string>, session: string | undefined): Promise<Answer> {
  const newPassword = authParameter(responses, 'NEW_PASSWORD');
  const pending = session ? pendingOf(pool).newPassword.get(session) : undefined;
  if (!session || !pending || pending.expiresAt < pool.now()) {
    throw new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
  }
  pool.setPassword(pending.username, newPassword, true);
  pendingOf(pool).newPassword.delete(session);
  return completeSignIn(pool, pool.getUser(pending.username));
}

export async function respondToAuthChallenge(pool: UserPool, input: RequestInput): Promise<Answer> {
  assertClientId(pool, input);
  const challenge = requiredString(input, 'ChallengeName');
  const responses = stringMap(input, 'ChallengeResponses');
  if (challenge === 'PASSWORD_VERIFIER') return passwordVerifier(pool, responses);
  if (challenge === 'NEW_PASSWORD_REQUIRED') return newPasswordRequired(pool, responses, optionalString(input, 'Session'));
  throw new CognitoError('InvalidParameterException', `Unsupported challenge ${challenge}.`);
}

export async function getTokensFromRefreshToken(pool: UserPool, input: RequestInput): Promise<Answer> {
  assertClientId(pool, input);
  const { AuthenticationResult } = await refreshTokens(pool, requiredString(input, 'RefreshToken'));
  return { AuthenticationResult };
}

/** Resolves the user behind an access token, with Cognito's NotAuthorizedException messages. */
async function userOfAccessToken(pool: UserPool, input: RequestInput): Promise<PoolUser> {
  const result = await verifyUserPoolToken(pool, requiredString(input, 'AccessToken'), { tokenUse: 'access' });
  if (!result.ok) {
    const message =
      result.reason === 'expired' ? 'Access Token has expired' : result.reason === 'revoked' ? 'Access Token has been revoked' : 'Invalid Access Token';
    throw new CognitoError('NotAuthorizedException', message);
  }
  const user = pool.findUser(String(result.claims.username));
  if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
  return user;
}

export function userAttributesOf(user: PoolUser): Array<{ Name: string; Value: string }> {
  return [{ Name: 'sub', Value: user.sub }, ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }))];
}

export async function getUser(pool: UserPool, input: RequestInput): Promise<Answer> {
  const user = await userOfAccessToken(pool, input);
  return { Username: user.username, UserAttributes: userAttributesOf(user) };
}

export async function globalSignOut(pool: UserPool, input: RequestInput): Promise<Answer> {
  const user = await userOfAccessToken(pool, input);
  pool.revokeAllSessions(user.username);
  return {};
}

export async function updateUserAttributes(pool: UserPool, input: RequestInput): Promise<Answer> {
  const user = await userOfAccessToken(pool, input);
  pool.updateAttributes(user.username, attributeList(input, 'UserAttributes'));
  return { CodeDeliveryDetailsList: [] };
}

export async function changePassword(pool: UserPool, input: RequestInput): Promise<Answer> {
  const user = await userOfAccessToken(pool, input);
  const previous = requiredString(input, 'PreviousPassword');
  const proposed = requiredString(input, 'ProposedPassword');
  if (!pool.passwordMatches(user, previous)) throw incorrectCredentials();
  pool.setPassword(user.username, proposed, true);
  return {};
}

export async function deleteUser(pool: UserPool, input: RequestInput): Promise<Answer> {
  const user = await userOfAccessToken(pool, input);
  pool.deleteUser(user.username);
  return {};
}

export async function revokeToken(pool: UserPool, input: RequestInput): Promise<Answer> {
  assertClientId(pool, input);
  const session = pool.findSessionByRefreshToken(requiredString(input, 'Token'));
  if (session) pool.revokeSession(session.originJti);
  return {};
}

export async function signUp(pool: UserPool, input: RequestInput): Promise<Answer> {
  assertClientId(pool, input);
  // Cognito's answer when the pool allows only administrators to create users
  // (AdminCreateUserConfig.AllowAdminCreateUserOnly, i.e. selfSignUpEnabled: false).
  if (!pool.settings.selfSignUpEnabled) throw new CognitoError('NotAuthorizedException', 'SignUp is not permitted for this user pool.');
  const user = pool.createUser({
    username: requiredString(input, 'Username'),
    password: requiredString(input, 'Password'),
    attributes: attributeList(input, 'UserAttributes'),
    status: pool.autoConfirmSignUp ? 'CONFIRMED' : 'UNCONFIRMED',
  });
  const email = user.attributes.email;
  return {
    UserConfirmed: user.status === 'CONFIRMED',
    UserSub: user.sub,
    ...(user.status !== 'CONFIRMED' && email
      ? { CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: `${email[0]}***@${email.split('@')[1] ?? ''}` } }
      : {}),
  };
}

export async function confirmSignUp(pool: UserPool, input: RequestInput): Promise<Answer> {
  assertClientId(pool, input);
  const username = requiredString(input, 'Username');
  const code = requiredString(input, 'ConfirmationCode');
  const user = pool.findUser(username);
  const codeMismatch = new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
  if (!user) {
    // With user-existence errors prevented an unknown user gets a wrong code's answer (Cognito
    // documents a generic code error for ConfirmSignUp; UNVERIFIED: which of its two).
    if (pool.settings.preventUserExistenceErrors) throw codeMismatch;
    throw new CognitoError('UserNotFoundException', 'Username/client id combination not found.');
  }
  // The code is checked first, so a wrong code says nothing about the user's status.
  if (code !== pool.confirmationCode) throw codeMismatch;
  if (user.status === 'CONFIRMED') {
    throw new CognitoError('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
  }
  pool.confirmUser(username);
  return {};
}
