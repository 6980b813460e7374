/** The page's own bounds, each in one place. */

/** After a reconnect, read back at most this many history pages to find what was missed. */
export const MAX_CATCH_UP_PAGES = 10;

/** A message box grows to this many lines, then scrolls. */
export const COMPOSER_MAX_ROWS = 6;

/** While the realtime connection is down, the page subscribes again after this, then doubles it. */
export const RESUBSCRIBE_FIRST_DELAY_MS = 1_000;

/** ...up to this delay between its own attempts. */
export const RESUBSCRIBE_MAX_DELAY_MS = 15_000;

/** While someone types, at most one typing signal this often (the API refuses one within 2 s). */
export const TYPING_SEND_INTERVAL_MS = 3_000;

/** "alice is typing…" goes away this long after alice's last signal. */
export const TYPING_SHOWN_MS = 5_000;

/** A heartbeat on entering a room and then this often (the API's presence lasts 60 s). */
export const HEARTBEAT_INTERVAL_MS = 25_000;

/** How often the presence list drops people whose heartbeat has expired. */
export const PRESENCE_SWEEP_MS = 10_000;

/** unreadCount counts at most this many (a full count means "this many or more"). */
export const UNREAD_COUNT_CAP = 100;
