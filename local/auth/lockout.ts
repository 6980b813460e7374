// Cognito's lockout after repeated failed sign-ins (timing in limits.ts). Keyed by the name the
// caller signed in with, whether or not such a user exists, so a lockout says nothing about
// existence. In memory: a restart forgets failures.
import { CognitoError } from './cognito-error';
import {
  LOCKOUT_FIRST_MS,
  LOCKOUT_FREE_FAILURES,
  LOCKOUT_MAX_MS,
  LOCKOUT_RESET_AFTER_MS,
  MAX_TRACKED_SIGN_IN_FAILURES,
} from './limits';

interface Failures {
  count: number;
  lastAttemptAt: number;
  lockedUntil: number;
}

export const passwordAttemptsExceeded = (): CognitoError => new CognitoError('NotAuthorizedException', 'Password attempts exceeded');

export class SignInLockout {
  private readonly failures = new Map<string, Failures>();

  /**
   * Throws "Password attempts exceeded" while `key` is locked. Such an attempt does not count as
   * a failure, but it is an attempt: the 15 quiet minutes that reset the count start again.
   */
  assertNotLocked(key: string, now: number): void {
    const entry = this.current(key, now);
    if (entry && now < entry.lockedUntil) {
      entry.lastAttemptAt = now;
      throw passwordAttemptsExceeded();
    }
  }

  recordFailure(key: string, now: number): void {
    const entry = this.current(key, now) ?? { count: 0, lastAttemptAt: now, lockedUntil: 0 };
    entry.count += 1;
    entry.lastAttemptAt = now;
    if (entry.count >= LOCKOUT_FREE_FAILURES) {
      entry.lockedUntil = now + Math.min(LOCKOUT_FIRST_MS * 2 ** (entry.count - LOCKOUT_FREE_FAILURES), LOCKOUT_MAX_MS);
    }
    // Re-inserted so the Map's order is least recent first, for the bound below.
    this.failures.delete(key);
    this.failures.set(key, entry);
    if (this.failures.size > MAX_TRACKED_SIGN_IN_FAILURES) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  /** The entry of `key`, unless 15 minutes without attempts have reset it. */
  private current(key: string, now: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && now - entry.lastAttemptAt >= LOCKOUT_RESET_AFTER_MS && now >= entry.lockedUntil) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}
