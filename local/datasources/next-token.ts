import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toAttributeMap, toTypedKey } from './attribute-values';
import { RequestError, isRecord } from './request-error';

/**
 * Query/Scan pagination tokens. AppSync hands out opaque tokens that only the same query can
 * use; the twin does the same: "v1." + base64url(JSON of LastEvaluatedKey and the query it
 * belongs to) + "." + an HMAC over both, so an edited or foreign token is refused.
 * The key is fixed, so tokens stay valid across restarts of the twin.
 */

const VERSION = 'v1';
const SIGNING_KEY = 'appsync-chat local twin pagination token';

/** What a token is bound to: which operation, on which table and index. */
export interface TokenScope {
  operation: 'Query' | 'Scan';
  table: string;
  index?: string;
}

export const INVALID_NEXT_TOKEN_MESSAGE = 'Invalid nextToken: it is malformed, was altered, or belongs to another query.';

export function encodeNextToken(lastEvaluatedKey: Record<string, AttributeValue> | undefined, scope: TokenScope): string | null {
  if (lastEvaluatedKey === undefined || Object.keys(lastEvaluatedKey).length === 0) return null;
  const payload = Buffer.from(JSON.stringify({ k: toTypedKey(lastEvaluatedKey) })).toString('base64url');
  return `${VERSION}.${payload}.${sign(payload, scope)}`;
}

export function decodeNextToken(token: string, scope: TokenScope): Record<string, AttributeValue> {
  const [version, payload, signature, ...rest] = token.split('.');
  if (version !== VERSION || !payload || !signature || rest.length > 0) throw new RequestError(INVALID_NEXT_TOKEN_MESSAGE);
  const expected = Buffer.from(sign(payload, scope));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new RequestError(INVALID_NEXT_TOKEN_MESSAGE);
  const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!isRecord(parsed)) throw new RequestError(INVALID_NEXT_TOKEN_MESSAGE);
  return toAttributeMap(parsed.k, 'nextToken');
}

function sign(payload: string, scope: TokenScope): string {
  return createHmac('sha256', SIGNING_KEY)
    .update(JSON.stringify([scope.operation, scope.table, scope.index ?? null, payload]))
    .digest('base64url');
}
