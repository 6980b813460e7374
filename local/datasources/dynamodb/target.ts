import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The DynamoDB table a data source stands for, and the client that reaches it. */
export interface DynamoDBTarget {
  client: DynamoDBClient;
  tableName: string;
}
