// The local user pool: users, groups, one app client, sign-in sessions (one per refresh token),
// signing keys and the local IAM credentials. State lives in memory and, when the caller gives
// a data directory, in `<dataDir>/user-pool.json` after every change.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CognitoError, groupNotFound, userNotFound } from './cognito-error';
import { readJsonFile, writeJsonFile } from './json-file';
import { loadLocalCredentials, type LocalCredentials } from './local-credentials';
import { assertPasswordPolicy } from './password-policy';
import { SEED_GROUPS, SEED_USERS, type SeedUser } from './seed-users';
import { jwksOf, loadSigningKeys, type JsonWebKeySet, type SigningKeys } from './signing-keys';
import { createVerifier, passwordMatches, type SrpVerifier } from './srp';

export type UserStatus = 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD';

export interface PoolUser {
  username: string;
  sub: string;
  /** Standard and custom attributes except `sub` (e.g. email, email_verified). */
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  groups: string[];
  /** SRP salt and verifier; the password itself is never stored. */
  password: SrpVerifier;
  createdAt: number;
  updatedAt: number;
}

export interface PoolGroup {
  name: string;
  description?: string;
  precedence?: number;
  createdAt: number;
  updatedAt: number;
}

/** One sign-in: its refresh token (hashed), and the origin_jti its tokens carry. */
export interface SignInSession {
  originJti: string;
  username: string;
  refreshTokenHash: string;
  authTime: number;
  expiresAt: number;
  revoked: boolean;
}

interface PoolFile {
  version: 1;
  poolId: string;
  clientId: string;
  users: PoolUser[];
  groups: PoolGroup[];
  sessions: SignInSession[];
}

export interface UserPoolOptions {
  /** Directory for user-pool.json, keys and credentials; memory only when absent. */
  dataDir?: string;
  /** Region part of the pool id; Amplify derives its region from it. Default us-east-1. */
  region?: string;
  /** Base of the `iss` claim, e.g. https://127.0.0.1:4566 (the pool id is appended). */
  issuerBaseUrl?: string;
  accessTokenTtlSeconds?: number;
  idTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** Users created when the pool is new; false for none. Default SEED_USERS. */
  seedUsers?: readonly SeedUser[] | false;
  /** SignUp confirms users at once (default true); otherwise ConfirmSignUp takes `confirmationCode`. */
  autoConfirmSignUp?: boolean;
  /** The code ConfirmSignUp accepts when sign-up is not auto-confirmed. Default 123456. */
  confirmationCode?: string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

export const POOL_FILE = 'user-pool.json';
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;
export const DEFAULT_ID_TOKEN_TTL_SECONDS = 3600;
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class UserPool {
  readonly poolId: string;
  readonly clientId: string;
  readonly region: string;
  readonly keys: SigningKeys;
  readonly credentials: LocalCredentials;
  readonly accessTokenTtlSeconds: number;
  readonly idTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly autoConfirmSignUp: boolean;
  readonly confirmationCode: string;
  readonly now: () => number;
  private issuerBase: string;
  private readonly users = new Map<string, PoolUser>();
  private readonly groups = new Map<string, PoolGroup>();
  private readonly sessions = new Map<string, SignInSession>();
  private readonly file?: string;

  private constructor(options: UserPoolOptions, state: PoolFile, keys: SigningKeys, credentials: LocalCredentials) {
    this.poolId = state.poolId;
    this.clientId = state.clientId;
    this.region = state.poolId.split('_')[0];
    this.keys = keys;
    this.credentials = credentials;
    this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
    this.idTokenTtlSeconds = options.idTokenTtlSeconds ?? DEFAULT_ID_TOKEN_TTL_SECONDS;
    this.refreshTokenTtlSeconds = options.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS;
    this.autoConfirmSignUp = options.autoConfirmSignUp ?? true;
    this.confirmationCode = options.confirmationCode ?? '123456';
    this.now = options.now ?? Date.now;
    this.issuerBase = (options.issuerBaseUrl ?? 'http://127.0.0.1').replace(/\/+$/, '');
    this.file = options.dataDir ? join(options.dataDir, POOL_FILE) : undefined;
    for (const user of state.users) this.users.set(user.username, user);
    for (const group of state.groups) this.groups.set(group.name, group);
    for (const session of state.sessions) this.sessions.set(session.originJti, session);
  }

  /** Opens the pool under `dataDir` (creating and seeding it when new), or a fresh one in memory. */
  static async open(options: UserPoolOptions = {}): Promise<UserPool> {
    const region = options.region ?? 'us-east-1';
    const existing = options.dataDir ? readJsonFile<PoolFile>(join(options.dataDir, POOL_FILE)) : undefined;
    const state: PoolFile = existing ?? {
      version: 1,
      poolId: `${region}_${randomFrom(ALPHANUMERIC, 9)}`,
      clientId: randomFrom(LOWER_ALPHANUMERIC, 26),
      users: [],
      groups: [],
      sessions: [],
    };
    const keys = await loadSigningKeys(options.dataDir);
    const pool = new UserPool(options, state, keys, loadLocalCredentials(options.dataDir));
    if (!existing) {
      const seeds = options.seedUsers === false ? [] : (options.seedUsers ?? SEED_USERS);
      if (seeds.length > 0) for (const name of SEED_GROUPS) pool.createGroup(name);
      for (const seed of seeds) {
        pool.createUser({ username: seed.username, password: seed.password, attributes: { email: seed.email, email_verified: 'true' } });
        for (const group of seed.groups) pool.addUserToGroup(seed.username, group);
      }
      pool.save();
    }
    return pool;
  }

  /** The part of the pool id after "_": Cognito's "pool name" in SRP. */
  get poolName(): string {
    return this.poolId.split('_')[1];
  }

  get issuer(): string {
    return `${this.issuerBase}/${this.poolId}`;
  }

  /** Called by the server once it knows its URL; tokens minted afterwards carry the new `iss`. */
  setIssuerBaseUrl(url: string): void {
    this.issuerBase = url.replace(/\/+$/, '');
  }

  jwks(): JsonWebKeySet {
    return jwksOf(this.keys);
  }

  // ---- users ----

  findUser(username: string): PoolUser | undefined {
    return this.users.get(username);
  }

  getUser(username: string): PoolUser {
    const user = this.users.get(username);
    if (!user) throw userNotFound();
    return user;
  }

  listUsers(): PoolUser[] {
    return [...this.users.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  createUser(input: {
    username: string;
    password: string;
    attributes?: Record<string, string>;
    status?: UserStatus;
    skipPolicy?: boolean;
  }): PoolUser {
    if (!/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(input.username)) {
      throw new CognitoError(
        'InvalidParameterException',
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
      );
    }
    if (this.users.has(input.username)) throw new CognitoError('UsernameExistsException', 'User already exists');
    if (!input.skipPolicy) assertPasswordPolicy(input.password);
    // sub is assigned by the pool, never taken from the caller.
    const attributes = { ...input.attributes };
    delete attributes.sub;
    const now = this.now();
    const user: PoolUser = {
      username: input.username,
      sub: randomUUID(),
      attributes,
      status: input.status ?? 'CONFIRMED',
      enabled: true,
      groups: [],
      password: createVerifier(this.poolName, input.username, input.password),
      createdAt: now,
      updatedAt: now,
    };
    this.users.set(user.username, user);
    this.save();
    return user;
  }

  setPassword(username: string, password: string, permanent: boolean): void {
    const user = this.getUser(username);
    assertPasswordPolicy(password);
    user.password = createVerifier(this.poolName, username, password);
    user.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    user.updatedAt = this.now();
    this.save();
  }

  passwordMatches(user: PoolUser, password: string): boolean {
    return passwordMatches(this.poolName, user.username, password, user.password);
  }

  /** Sets (or, with an empty value, removes) attributes; `sub` is immutable. */
  updateAttributes(username: string, changes: Record<string, string>): void {
    const user = this.getUser(username);
    if ('sub' in changes) throw new CognitoError('InvalidParameterException', 'Cannot modify the non-mutable attribute sub');
    const merged = { ...user.attributes, ...changes };
    user.attributes = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== ''));
    user.updatedAt = this.now();
    this.save();
  }

  setEnabled(username: string, enabled: boolean): void {
    const user = this.getUser(username);
    user.enabled = enabled;
    user.updatedAt = this.now();
    this.save();
  }

  confirmUser(username: string): void {
    const user = this.getUser(username);
    user.status = 'CONFIRMED';
    user.updatedAt = this.now();
    this.save();
  }

  deleteUser(username: string): void {
    this.getUser(username);
    this.users.delete(username);
    for (const session of this.sessions.values()) {
      if (session.username === username) this.sessions.delete(session.originJti);
    }
    this.save();
  }

  // ---- groups ----

  createGroup(name: string, description?: string, precedence?: number): PoolGroup {
    if (this.groups.has(name)) {
      throw new CognitoError('GroupExistsException', `A group with the name ${name} already exists.`);
    }
    const now = this.now();
    const group: PoolGroup = { name, description, precedence, createdAt: now, updatedAt: now };
    this.groups.set(name, group);
    this.save();
    return group;
  }

  getGroup(name: string): PoolGroup {
    const group = this.groups.get(name);
    if (!group) throw groupNotFound();
    return group;
  }

  listGroups(): PoolGroup[] {
    return [...this.groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  addUserToGroup(username: string, groupName: string): void {
    const user = this.getUser(username);
    this.getGroup(groupName);
    if (!user.groups.includes(groupName)) {
      user.groups.push(groupName);
      user.updatedAt = this.now();
      this.save();
    }
  }

  removeUserFromGroup(username: string, groupName: string): void {
    const user = this.getUser(username);
    this.getGroup(groupName);
    user.groups = user.groups.filter((name) => name !== groupName);
    user.updatedAt = this.now();
    this.save();
  }

  usersInGroup(groupName: string): PoolUser[] {
    this.getGroup(groupName);
    return this.listUsers().filter((user) => user.groups.includes(groupName));
  }

  // ---- sign-in sessions and refresh tokens ----

  /** Starts a sign-in: returns the session and its opaque refresh token (only its hash is kept). */
  startSession(username: string): { session: SignInSession; refreshToken: string } {
    const refreshToken = randomBytes(48).toString('base64url');
    const now = this.now();
    const session: SignInSession = {
      originJti: randomUUID(),
      username,
      refreshTokenHash: hashRefreshToken(refreshToken),
      authTime: Math.floor(now / 1000),
      expiresAt: now + this.refreshTokenTtlSeconds * 1000,
      revoked: false,
    };
    this.sessions.set(session.originJti, session);
    this.save();
    return { session, refreshToken };
  }

  findSessionByRefreshToken(refreshToken: string): SignInSession | undefined {
    const hash = hashRefreshToken(refreshToken);
    for (const session of this.sessions.values()) if (session.refreshTokenHash === hash) return session;
    return undefined;
  }

  findSession(originJti: string): SignInSession | undefined {
    return this.sessions.get(originJti);
  }

  revokeSession(originJti: string): void {
    const session = this.sessions.get(originJti);
    if (session && !session.revoked) {
      session.revoked = true;
      this.save();
    }
  }

  /** GlobalSignOut: every refresh token and every access token of the user stops working. */
  revokeAllSessions(username: string): void {
    for (const session of this.sessions.values()) if (session.username === username) session.revoked = true;
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    const now = this.now();
    // Sessions past their refresh lifetime can no longer be used; drop them from the file.
    for (const session of this.sessions.values()) if (session.expiresAt < now) this.sessions.delete(session.originJti);
    const state: PoolFile = {
      version: 1,
      poolId: this.poolId,
      clientId: this.clientId,
      users: [...this.users.values()],
      groups: [...this.groups.values()],
      sessions: [...this.sessions.values()],
    };
    writeJsonFile(this.file, state);
  }
}
