import type { DynamoDBSend } from './bounded-send';

/** The DynamoDB table a data source stands for, how calls reach it, and the nextToken key. */
export interface DynamoDBTarget {
  /** The client's send, bounded by the call timeout (bounded-send.ts). */
  send: DynamoDBSend;
  tableName: string;
  /** Signs and checks pagination tokens (next-token.ts). */
  nextTokenKey: Buffer;
  /**
   * Read the first written key back after TransactWriteItems (transact.ts): what makes the
   * transaction durable on a DynamoDB Local that keeps its data on disk. Default true; nothing
   * to keep durable when it runs in memory.
   */
  settleTransactions?: boolean;
}
