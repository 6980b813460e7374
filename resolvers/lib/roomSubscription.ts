/**
 * The filters of a room subscription: events of this room only, and an invalidation filter that
 * leaveRoom/removeMember match with {roomId, userId} to end this subscriber's subscription.
 */
import { extensions, util } from '@aws-appsync/utils';

function endWithMembership(roomId: string, subscriberId: string): void {
  extensions.setSubscriptionInvalidationFilter(
    util.transform.toSubscriptionFilter({ roomId: { eq: roomId }, userId: { eq: subscriberId } }),
  );
}

export function filterToRoom(roomId: string, subscriberId: string): void {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ roomId: { eq: roomId } }));
  endWithMembership(roomId, subscriberId);
}

/** Events of this room whose userId is not the subscriber's: nobody sees their own typing. */
export function filterToRoomFromOthers(roomId: string, subscriberId: string): void {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ roomId: { eq: roomId }, userId: { ne: subscriberId } }));
  endWithMembership(roomId, subscriberId);
}
