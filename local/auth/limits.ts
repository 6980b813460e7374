// Every bound the local user pool applies, in one place. Values Cognito documents say so;
// the others are the twin's own, chosen to keep its state small on a developer machine.

/**
 * Sign-in lockout, as Cognito documents it ("Lockout behavior for failed sign-in attempts",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior):
 * after 5 failed attempts the user is locked for 1 s, doubling with each further failure
 * (2^(n-5) s for n failures) up to about 15 minutes; attempts during a lockout get
 * NotAuthorizedException "Password attempts exceeded" and do not count; a successful sign-in
 * after a lockout, or 15 minutes without attempts, resets the count.
 * UNVERIFIED: the exact ceiling ("approximately 15 minutes"); the twin uses 900 s.
 */
export const LOCKOUT_FREE_FAILURES = 5;
export const LOCKOUT_FIRST_MS = 1000;
export const LOCKOUT_MAX_MS = 15 * 60 * 1000;
export const LOCKOUT_RESET_AFTER_MS = 15 * 60 * 1000;
/** Usernames whose failures are tracked at once (unknown ones too); the least recent is dropped. */
export const MAX_TRACKED_SIGN_IN_FAILURES = 10_000;

/** A challenge (SRP PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED) expires after 3 minutes (the twin's choice). */
export const CHALLENGE_LIFETIME_MS = 3 * 60 * 1000;
/** Pending challenges of each kind kept at once; past it the oldest is dropped (its answer then fails). */
export const MAX_PENDING_CHALLENGES = 1000;

/** Sign-ins (refresh tokens) kept per user; a new sign-in past it drops the oldest, whose tokens stop working. */
export const MAX_SESSIONS_PER_USER = 20;

/** Page size of ListUsers, ListUsersInGroup, ListGroups, AdminListGroupsForUser: 0 to 60, default 60 (Cognito API reference). */
export const MAX_LIST_LIMIT = 60;
