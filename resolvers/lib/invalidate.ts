/**
 * Ends a user's subscriptions to a room (messages, changes, typing, presence) when the
 * membership ends. The subscription resolvers set the matching invalidation filter (roomId and
 * userId). Four calls: AppSync allows five unique ones per request.
 */
import { extensions } from '@aws-appsync/utils';

export const ROOM_SUBSCRIPTION_FIELDS = ['onNewMessage', 'onMessageChanged', 'onTyping', 'onPresence'];

export function invalidateRoomSubscriptions(roomId: string, userId: string): void {
  for (const subscriptionField of ROOM_SUBSCRIPTION_FIELDS) {
    extensions.invalidateSubscriptions({ subscriptionField, payload: { roomId, userId } });
  }
}
