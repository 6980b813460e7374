/**
 * The one DynamoDB table of the chat API. The CDK stack and the local twin both build the
 * table from this definition, so the two cannot drift apart.
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /**
   * "Rooms of a user": membership items carry GSI1PK = USER#<userId>, GSI1SK = ROOM#<roomId>;
   * invitations GSI1PK = USER#<userId>, GSI1SK = INVITE#<roomId>; public rooms GSI1PK =
   * PUBLIC_ROOMS, GSI1SK = ROOM#<roomId>.
   */
  globalSecondaryIndexes: [{ indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }],
  /**
   * Epoch seconds after which DynamoDB may delete the item: presence (heartbeat) and typing rate
   * records. DynamoDB deletes late (up to days) and DynamoDB Local never, so the resolvers also
   * filter on it when they read.
   */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type TableDefinition = typeof tableDefinition;
