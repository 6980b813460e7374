/** The page's own bounds, each in one place. */

/** After a reconnect, read back at most this many history pages to find what was missed. */
export const MAX_CATCH_UP_PAGES = 10;

/** A message box grows to this many lines, then scrolls. */
export const COMPOSER_MAX_ROWS = 6;

/** While the realtime connection is down, the page subscribes again after this, then doubles it. */
export const RESUBSCRIBE_FIRST_DELAY_MS = 1_000;

/** ...up to this delay between its own attempts. */
export const RESUBSCRIBE_MAX_DELAY_MS = 15_000;
