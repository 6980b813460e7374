/**
 * What the twin does when the DynamoDB Local it started exits by itself (supervise.ts), in one
 * place (the README's limits table lists it). Each attempt starts a JVM (about 3 s here) on the
 * same data directory and port; between failed attempts the wait doubles.
 */
export const DYNAMODB_LOCAL_RESTART = {
  /** Attempts after one unexpected exit; after the last one fails the twin gives up. */
  attempts: 5,
  /** Wait before the first attempt; then doubled after each failed one. */
  firstDelayMs: 250,
  maxDelayMs: 4_000,
} as const;

export type RestartPolicy = { attempts: number; firstDelayMs: number; maxDelayMs: number };
