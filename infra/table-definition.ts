/**
 * The one DynamoDB table of the chat API. The CDK stack and the local twin both build the
 * table from this definition, so the two cannot drift apart.
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** "Rooms of a user": membership items carry GSI1PK = USER#<userId>, GSI1SK = ROOM#<roomId>. */
  globalSecondaryIndexes: [{ indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }],
} as const;

export type TableDefinition = typeof tableDefinition;
