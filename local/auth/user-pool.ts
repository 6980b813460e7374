// The local user pool: users, groups, one app client, sign-in sessions (one per refresh token),
// signing keys and the local IAM credentials. Its settings are the CDK stack's (pool-settings).
// State lives in memory and, when the caller gives a data directory, in
// `<dataDir>/user-pool.json`, written off the request path after changes (`flush()` awaits it).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { assertWritableAttributes } from './attribute-schema';
import { CognitoError, groupNotFound, userNotFound } from './cognito-error';
import { decoyVerifier } from './decoy-user';
import { CoalescedJsonWriter, readJsonFile, writeJsonFile } from './json-file';
import { MAX_SESSIONS_PER_USER } from './limits';
import { loadLocalCredentials, type LocalCredentials } from './local-credentials';
import { SignInLockout } from './lockout';
import { assertPasswordPolicy } from './password-policy';
import { STACK_POOL_SETTINGS, type PoolSettings } from './pool-settings';
import { SEED_USERS, type SeedUser } from './seed-users';
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
  /** Per-pool secret for decoy users and pagination tokens; added when missing. */
  secret?: string;
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
  /** Token lifetimes; default the stack's (settings). */
  accessTokenTtlSeconds?: number;
  idTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /**
   * FOR TESTS ONLY: settings that differ from the deployed stack's (e.g. self sign-up on).
   * Absent, the pool behaves as the stack defines it (STACK_POOL_SETTINGS).
   */
  overrideStackSettings?: Partial<PoolSettings>;
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
  readonly settings: PoolSettings;
  /** Failed sign-ins per name, for Cognito's lockout. */
  readonly lockout = new SignInLockout();
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
  private readonly secret: string;
  /** Set once the pool is open, so the changes of opening it go into the one first write. */
  private writer?: CoalescedJsonWriter;

  private constructor(options: UserPoolOptions, state: PoolFile, keys: SigningKeys, credentials: LocalCredentials) {
    this.poolId = state.poolId;
    this.clientId = state.clientId;
    this.region = state.poolId.split('_')[0];
    this.keys = keys;
    this.credentials = credentials;
    this.settings = { ...STACK_POOL_SETTINGS, ...options.overrideStackSettings };
    this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? this.settings.accessTokenTtlSeconds;
    this.idTokenTtlSeconds = options.idTokenTtlSeconds ?? this.settings.idTokenTtlSeconds;
    this.refreshTokenTtlSeconds = options.refreshTokenTtlSeconds ?? this.settings.refreshTokenTtlSeconds;
    this.autoConfirmSignUp = options.autoConfirmSignUp ?? true;
    this.confirmationCode = options.confirmationCode ?? '123456';
    this.now = options.now ?? Date.now;
    this.issuerBase = (options.issuerBaseUrl ?? 'http://127.0.0.1').replace(/\/+$/, '');
    this.secret = state.secret ?? randomBytes(32).toString('hex');
    for (const user of state.users) this.users.set(this.userKey(user.username), user);
    for (const group of state.groups) this.groups.set(group.name, group);
    for (const session of state.sessions) this.sessions.set(session.originJti, session);
  }

  /** Opens the pool under `dataDir` (creating and seeding it when new), or a fresh one in memory. */
  static async open(options: UserPoolOptions = {}): Promise<UserPool> {
    const region = options.region ?? 'us-east-1';
    const file = options.dataDir ? join(options.dataDir, POOL_FILE) : undefined;
    const existing = file ? readJsonFile<PoolFile>(file) : undefined;
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
    pool.defineStackGroups();
    if (!existing) {
      const seeds = options.seedUsers === false ? [] : (options.seedUsers ?? SEED_USERS);
      for (const seed of seeds) {
        // The seed passwords are fixed, documented local credentials, older than the stack's
        // 12-character policy; every password set through the API meets the policy.
        pool.createUser({ username: seed.username, password: seed.password, attributes: { email: seed.email, email_verified: 'true' }, skipPolicy: true });
        for (const group of seed.groups) pool.addUserToGroup(seed.username, group);
      }
    }
    // Written at once when opened, so the ids are on disk before the pool serves anything.
    if (file) {
      writeJsonFile(file, pool.fileState());
      pool.writer = new CoalescedJsonWriter(file, () => pool.fileState());
    }
    return pool;
  }

  /** The stack's groups, with its precedence and description, as a deploy would leave them. */
  private defineStackGroups(): void {
    const now = this.now();
    for (const definition of this.settings.groups) {
      const group = this.groups.get(definition.name);
      if (!group) this.groups.set(definition.name, { ...definition, createdAt: now, updatedAt: now });
      else if (group.precedence !== definition.precedence || group.description !== definition.description) {
        Object.assign(group, { precedence: definition.precedence, description: definition.description, updatedAt: now });
      }
    }
  }

  /** Resolves once every change so far is in user-pool.json (at once without a data directory). */
  async flush(): Promise<void> {
    await this.writer?.flush();
  }

  /** For the twin's stop: the pool keeps no other resource open, so this is flush(). */
  async close(): Promise<void> {
    await this.flush();
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

  /** The key a name is stored under: lower case when sign-in is case-insensitive. */
  userKey(name: string): string {
    return this.settings.signInCaseSensitive ? name : name.toLowerCase();
  }

  /** By username, or by verified email when email is a sign-in alias. */
  findUser(username: string): PoolUser | undefined {
    const user = this.users.get(this.userKey(username));
    if (user || !this.settings.emailSignIn || !username.includes('@')) return user;
    const email = username.toLowerCase();
    for (const candidate of this.users.values()) {
      if (candidate.attributes.email?.toLowerCase() === email && candidate.attributes.email_verified === 'true') return candidate;
    }
    return undefined;
  }

  /** A stable stand-in salt and verifier for a name no user has (user-existence errors prevented). */
  decoyVerifier(name: string): SrpVerifier {
    return decoyVerifier(this.secret, this.userKey(name));
  }

  /** The per-pool secret that signs pagination tokens. */
  get paginationSecret(): string {
    return this.secret;
  }

  getUser(username: string): PoolUser {
    const user = this.findUser(username);
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
    const attributes = { ...input.attributes };
    assertWritableAttributes(Object.keys(attributes), this.settings.customAttributes, 'create');
    if (this.users.has(this.userKey(input.username))) throw new CognitoError('UsernameExistsException', 'User already exists');
    if (!input.skipPolicy) assertPasswordPolicy(input.password, this.settings.passwordPolicy);
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
    this.users.set(this.userKey(user.username), user);
    this.save();
    return user;
  }

  setPassword(username: string, password: string, permanent: boolean): void {
    const user = this.getUser(username);
    assertPasswordPolicy(password, this.settings.passwordPolicy);
    user.password = createVerifier(this.poolName, user.username, password);
    user.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    user.updatedAt = this.now();
    this.save();
  }

  passwordMatches(user: PoolUser, password: string): boolean {
    return passwordMatches(this.poolName, user.username, password, user.password);
  }

  /** The same check against a name's decoy verifier: as costly as a real one, and never true in practice. */
  passwordMatchesDecoy(name: string, password: string): boolean {
    return passwordMatches(this.poolName, name, password, this.decoyVerifier(name));
  }

  /** Sets (or, with an empty value, removes) attributes in the schema; `sub` is immutable. */
  updateAttributes(username: string, changes: Record<string, string>): void {
    const user = this.getUser(username);
    assertWritableAttributes(Object.keys(changes), this.settings.customAttributes, 'update');
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
    const user = this.getUser(username);
    this.users.delete(this.userKey(user.username));
    for (const session of this.sessions.values()) {
      if (session.username === user.username) this.sessions.delete(session.originJti);
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

  /**
   * Starts a sign-in: returns the session and its opaque refresh token (only its hash is kept).
   * Drops expired sign-ins, and the user's oldest past MAX_SESSIONS_PER_USER.
   */
  startSession(username: string): { session: SignInSession; refreshToken: string } {
    const refreshToken = randomBytes(48).toString('base64url');
    const now = this.now();
    this.dropExpiredSessions(now);
    const own = [...this.sessions.values()].filter((session) => session.username === username);
    for (const old of own.slice(0, Math.max(0, own.length - MAX_SESSIONS_PER_USER + 1))) this.sessions.delete(old.originJti);
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

  /**
   * Whether the sign-in that `claims` (of an ID or access token) came from was signed out
   * (GlobalSignOut, RevokeToken, AdminUserGlobalSignOut), dropped or deleted with its user.
   * A Map lookup: cheap enough to call before every delivery on a live subscription.
   */
  isRevoked(claims: Record<string, unknown>): boolean {
    const session = typeof claims.origin_jti === 'string' ? this.sessions.get(claims.origin_jti) : undefined;
    return !session || session.revoked;
  }

  sessionCount(username: string): number {
    return [...this.sessions.values()].filter((session) => session.username === username).length;
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

  /** Sessions past their refresh lifetime can no longer be used. */
  private dropExpiredSessions(now: number): void {
    for (const session of this.sessions.values()) if (session.expiresAt < now) this.sessions.delete(session.originJti);
  }

  private fileState(): PoolFile {
    this.dropExpiredSessions(this.now());
    return {
      version: 1,
      poolId: this.poolId,
      clientId: this.clientId,
      secret: this.secret,
      users: [...this.users.values()],
      groups: [...this.groups.values()],
      sessions: [...this.sessions.values()],
    };
  }

  private save(): void {
    this.writer?.schedule();
  }
}
