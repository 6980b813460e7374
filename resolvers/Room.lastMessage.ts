/**
 * Room.lastMessage: the room's newest message, on the rooms myRooms returns only
 * (lib/member-view-field).
 * Pipeline: queryLastMessage (Query).
 */
export { request, response } from './lib/member-view-field';
