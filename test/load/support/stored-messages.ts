/**
 * The store check: reads a room's message items straight from the twin's DynamoDB (DynamoDB
 * Local, its endpoint reported by the twin process), every page, strongly consistent.
 */
import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createLocalDynamoDBClient } from '../../../local/dynamodb-local';
import { MESSAGE_SK_PREFIX, roomPartition } from '../../../resolvers/lib/keys';

export interface StoredMessage {
  id: string;
  clientMessageId: string;
  senderId: string;
}

/** Every message item of each room, in sort-key (ULID) order. */
export async function readStoredMessages(endpoint: string, tableName: string, roomIds: readonly string[]): Promise<Map<string, StoredMessage[]>> {
  const client = createLocalDynamoDBClient(endpoint);
  const byRoom = new Map<string, StoredMessage[]>();
  try {
    for (const roomId of roomIds) {
      const items: StoredMessage[] = [];
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :msg)',
            ExpressionAttributeValues: { ':pk': { S: roomPartition(roomId) }, ':msg': { S: MESSAGE_SK_PREFIX } },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const raw of page.Items ?? []) {
          const item = unmarshall(raw) as StoredMessage;
          items.push({ id: item.id, clientMessageId: item.clientMessageId, senderId: item.senderId });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      byRoom.set(roomId, items);
    }
  } finally {
    client.destroy();
  }
  return byRoom;
}
