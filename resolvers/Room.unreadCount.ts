/**
 * Room.unreadCount: how many messages the caller has not read (see functions/countUnread), on
 * the rooms myRooms returns only (lib/member-view-field).
 * Pipeline: countUnread (Query).
 */
export { request, response } from './lib/member-view-field';
