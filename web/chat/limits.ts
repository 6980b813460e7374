/** The page's own bounds, each in one place. */

/** After a reconnect, read back at most this many history pages to find what was missed. */
export const MAX_CATCH_UP_PAGES = 10;

/** A message box grows to this many lines, then scrolls. */
export const COMPOSER_MAX_ROWS = 6;
