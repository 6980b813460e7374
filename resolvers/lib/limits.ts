/**
 * The bounds of the chat features (README "Limits"): one value each, read by the resolvers.
 * Times are the server's (util.time), never the client's.
 */

/** setTyping: one signal per user and room in this window; more get LimitExceeded. */
export const TYPING_INTERVAL_MS = 2000;
/** heartbeat: one per user and room in this window; more get LimitExceeded. */
export const HEARTBEAT_INTERVAL_MS = 5000;
/** A heartbeat keeps its member present this long (the presence item's TTL). */
export const PRESENCE_TTL_SECONDS = 60;
/** How long a typing rate record lives before DynamoDB may delete it (its TTL). */
export const TYPING_RECORD_TTL_SECONDS = 60;
/** unreadCount counts at most this many messages; this value means "this many or more". */
export const UNREAD_COUNT_CAP = 100;
/** Users per emoji per message, so 12 emoji of user ids stay far below DynamoDB's 400 KB item. */
export const MAX_USERS_PER_REACTION = 500;
