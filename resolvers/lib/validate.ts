/**
 * Argument checks for the before (request) handlers: they run before any read or write, so bad
 * input changes nothing. Patterns are Java regular expressions (util.matches, full match).
 */
import { util } from '@aws-appsync/utils';
import { validationError } from './errors';
import { REACTION_EMOJI } from './reactions';

/** A ULID: 26 characters of Crockford base32; the first is 0-7 (48-bit time). */
export const ULID_PATTERN = '[0-7][0-9A-HJKMNP-TV-Z]{25}';
export const CLIENT_MESSAGE_ID_PATTERN = '[A-Za-z0-9_-]{1,64}';
/** A user-pool user id (the token's sub). */
export const USER_ID_PATTERN = '[A-Za-z0-9_-]{1,128}';

export const MAX_CONTENT_LENGTH = 2000;
export const MAX_ROOM_NAME_LENGTH = 100;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function requireUlid(argument: string, value: string): string {
  if (!util.matches(ULID_PATTERN, value)) {
    validationError(`${argument} must be a ULID (26 characters of Crockford base32)`);
  }
  return value;
}

export function requireUserId(value: string): string {
  if (!util.matches(USER_ID_PATTERN, value)) {
    validationError('userId must be 1 to 128 characters of A-Z, a-z, 0-9, _ and -');
  }
  return value;
}

export function requireClientMessageId(value: string): string {
  if (!util.matches(CLIENT_MESSAGE_ID_PATTERN, value)) {
    validationError('clientMessageId must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -');
  }
  return value;
}

export function requireContent(value: string): string {
  if (value.trim().length === 0) {
    validationError('content must not be empty');
  }
  if (value.length > MAX_CONTENT_LENGTH) {
    validationError(`content must be at most ${MAX_CONTENT_LENGTH} characters`);
  }
  return value;
}

export function requireRoomName(value: string): string {
  if (value.trim().length === 0) {
    validationError('name must not be empty');
  }
  if (value.length > MAX_ROOM_NAME_LENGTH) {
    validationError(`name must be at most ${MAX_ROOM_NAME_LENGTH} characters`);
  }
  return value;
}

/** The page size: DEFAULT_PAGE_SIZE when absent, else 1..MAX_PAGE_SIZE. */
export function requirePageSize(value: number | null | undefined): number {
  if (value === null || value === undefined) {
    return DEFAULT_PAGE_SIZE;
  }
  if (value < 1 || value > MAX_PAGE_SIZE) {
    validationError(`limit must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return value;
}

/** One emoji of the allow-list (lib/reactions.ts), exactly as listed. */
export function requireEmoji(value: string): string {
  if (!REACTION_EMOJI.includes(value)) {
    validationError(`emoji must be one of ${REACTION_EMOJI.join(' ')}`);
  }
  return value;
}
