import type { DynamoDBSend } from './bounded-send';

/** The DynamoDB table a data source stands for, how calls reach it, and the nextToken key. */
export interface DynamoDBTarget {
  /** The client's send, bounded by the call timeout (bounded-send.ts). */
  send: DynamoDBSend;
  tableName: string;
  /** Signs and checks pagination tokens (next-token.ts). */
  nextTokenKey: Buffer;
}
