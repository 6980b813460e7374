// Cognito's list pagination: Limit (0 to 60, default 60) and an opaque token for the next page.
// The token names the list it belongs to and the key of the last item returned, signed with
// the pool's secret, so it cannot be forged or used on another list. Lists are in key order.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CognitoError } from './cognito-error';
import { MAX_LIST_LIMIT } from './limits';
import type { RequestInput } from './request-input';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

function signature(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

function encodeToken(secret: string, list: string, afterKey: string): string {
  const payload = Buffer.from(JSON.stringify({ list, after: afterKey })).toString('base64url');
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

/** UNVERIFIED: Cognito's exact answer to a token it did not issue. */
const invalidToken = (): CognitoError => new CognitoError('InvalidParameterException', 'Invalid pagination token.');

function decodeToken(secret: string, list: string, token: string): string {
  const [payload, signed, extra] = token.split('.');
  if (!payload || !signed || extra !== undefined) throw invalidToken();
  const expected = signature(secret, payload);
  const received = Buffer.from(signed, 'base64url');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) throw invalidToken();
  const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { list?: unknown; after?: unknown };
  if (parsed.list !== list || typeof parsed.after !== 'string') throw invalidToken();
  return parsed.after;
}

/** Limit as Cognito validates it; 0 or absent means the maximum. UNVERIFIED: what 0 returns. */
export function listLimit(input: RequestInput): number {
  const limit = input.Limit;
  if (limit === undefined || limit === null) return MAX_LIST_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit)) {
    throw new CognitoError('SerializationException', "Unexpected value type for 'Limit': expected an integer.");
  }
  if (limit > MAX_LIST_LIMIT) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIST_LIMIT}`,
    );
  }
  if (limit < 0) {
    throw new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    );
  }
  return limit === 0 ? MAX_LIST_LIMIT : limit;
}

/**
 * One page of `items` (sorted by `keyOf`, keys unique) after the item the token points at.
 * `list` identifies the list (operation and its arguments); `tokenMember` is where the token
 * comes in (PaginationToken for ListUsers, NextToken for the others).
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  options: { secret: string; list: string; input: RequestInput; tokenMember: 'PaginationToken' | 'NextToken' },
): Page<T> {
  const limit = listLimit(options.input);
  const token = options.input[options.tokenMember];
  if (token !== undefined && token !== null && typeof token !== 'string') throw invalidToken();
  const after = typeof token === 'string' && token !== '' ? decodeToken(options.secret, options.list, token) : undefined;
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((item) => keyOf(item) > after);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return rest.length > limit && last !== undefined ? { items: page, nextToken: encodeToken(options.secret, options.list, keyOf(last)) } : { items: page };
}
