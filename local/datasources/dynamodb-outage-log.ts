import type { Logger } from 'pino';

/**
 * Logs a DynamoDB outage once, when the first call finds no answer, and its end once, when a
 * call started after the outage began gets an answer: one pair of lines however many calls
 * fail in between. A late failure of a call started before the recovery opens no new outage.
 */
export class DynamoDBOutageLog {
  private outage: { since: number; failedCalls: number; reason: string } | null = null;
  private recoveredAt = -Infinity;

  constructor(private readonly log: Logger | undefined) {}

  /** A call that started at `startedAt` (performance.now()) got no answer. */
  noAnswer(startedAt: number, reason: string): void {
    if (this.outage !== null) {
      this.outage.failedCalls++;
      return;
    }
    if (startedAt < this.recoveredAt) return;
    this.outage = { since: performance.now(), failedCalls: 1, reason };
    this.log?.error(
      { event: 'dynamodb-unavailable', reason },
      'DynamoDB is not answering: data-source calls fail with DynamoDB:ServiceUnavailable until it does',
    );
  }

  /** A call that started at `startedAt` got an answer from DynamoDB (a refusal counts). */
  answered(startedAt: number): void {
    if (this.outage === null || startedAt < this.outage.since) return;
    const { since, failedCalls, reason } = this.outage;
    this.outage = null;
    this.recoveredAt = performance.now();
    this.log?.warn(
      { event: 'dynamodb-recovered', downMs: Math.round(this.recoveredAt - since), failedCalls, reason },
      'DynamoDB is answering again',
    );
  }

  get isOutage(): boolean {
    return this.outage !== null;
  }
}
