/**
 * Ends a user's subscriptions to a room's messages when the membership ends. The subscription
 * resolvers set the matching invalidation filter (roomId and userId).
 */
import { extensions } from '@aws-appsync/utils';

export function invalidateRoomSubscriptions(roomId: string, userId: string): void {
  extensions.invalidateSubscriptions({ subscriptionField: 'onNewMessage', payload: { roomId, userId } });
  extensions.invalidateSubscriptions({ subscriptionField: 'onMessageChanged', payload: { roomId, userId } });
}
