/**
 * The filters of a room subscription: events of this room only, and an invalidation filter that
 * leaveRoom/removeMember match with {roomId, userId} to end this subscriber's subscription.
 */
import { extensions, util } from '@aws-appsync/utils';

export function filterToRoom(roomId: string, subscriberId: string): void {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ roomId: { eq: roomId } }));
  extensions.setSubscriptionInvalidationFilter(
    util.transform.toSubscriptionFilter({ roomId: { eq: roomId }, userId: { eq: subscriberId } }),
  );
}
