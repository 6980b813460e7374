import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBOutageLog } from '../dynamodb-outage-log';
import { directSend } from './direct-send';
import { DynamoDBUnavailableError, isNoAnswer } from '../dynamodb-unavailable';

export type DynamoDBSend = DynamoDBClient['send'];

/**
 * client.send (the data-plane calls made directly: direct-send.ts) with every call bounded by an AbortSignal (the SDK's retries included: an abort
 * also ends a retry's back-off), so a stopped DynamoDB costs a call timeoutMs, never a hang.
 * A call with no answer throws DynamoDBUnavailableError and is told to the outage log.
 */
export function boundedSend(client: DynamoDBClient, timeoutMs: number, outages: DynamoDBOutageLog): DynamoDBSend {
  const direct = directSend(client);
  const send = async (command: Parameters<DynamoDBSend>[0]) => {
    const startedAt = performance.now();
    try {
      const output = await direct(command, { abortSignal: AbortSignal.timeout(timeoutMs) });
      outages.answered(startedAt);
      return output;
    } catch (error) {
      if (!isNoAnswer(error)) {
        outages.answered(startedAt);
        throw error;
      }
      const reason = error instanceof Error && error.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : describe(error);
      outages.noAnswer(startedAt, reason);
      throw new DynamoDBUnavailableError(reason);
    }
  };
  return send as DynamoDBSend;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
