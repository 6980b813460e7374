/**
 * A token bucket read against an injected clock: it holds at most `burst` tokens, starts full,
 * and refills continuously at `perSecond` tokens a second. take() spends one token if there is
 * one. Nothing is scheduled: the refill is computed from the time that passed since the last call.
 */
export class TokenBucket {
  private tokens: number;
  private lastRefill: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    /** Milliseconds from a monotonic clock. */
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.lastRefill = now();
  }

  /** Spends one token; false (and nothing spent) when less than a whole token is left. */
  take(): boolean {
    const now = this.now();
    const elapsedMs = now - this.lastRefill;
    // A clock that stands still (or an injected one that steps back) refills nothing.
    if (elapsedMs > 0) {
      // Multiplied before dividing so that whole-token steps (e.g. 50 ms at 20/s) come out exact.
      this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.perSecond) / 1000);
      this.lastRefill = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
