import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toAttributeMap, toTypedKey } from './attribute-values';
import { RequestError, isRecord } from './request-error';

/**
 * Query/Scan pagination tokens. AppSync hands out opaque tokens that only the same query can
 * use; the twin does the same: "v1." + base64url(JSON of LastEvaluatedKey) + "." + an HMAC
 * over the payload and the query it belongs to, so an edited or foreign token is refused.
 * The HMAC key is random per data directory (next-token-key.ts): tokens survive a restart on
 * the same data directory, and nobody can sign one without reading that file.
 */

const VERSION = 'v1';
/** A LastEvaluatedKey holds the table's keys and at most one index's keys: 4 attributes. */
const MAX_KEY_ATTRIBUTES = 4;

/** What a token is bound to: which operation, on which table and index. */
export interface TokenScope {
  operation: 'Query' | 'Scan';
  table: string;
  index?: string;
}

export const INVALID_NEXT_TOKEN_MESSAGE = 'Invalid nextToken: it is malformed, was altered, or belongs to another query.';

export function encodeNextToken(lastEvaluatedKey: Record<string, AttributeValue> | undefined, scope: TokenScope, key: Buffer): string | null {
  if (lastEvaluatedKey === undefined || Object.keys(lastEvaluatedKey).length === 0) return null;
  const payload = Buffer.from(JSON.stringify({ k: toTypedKey(lastEvaluatedKey) })).toString('base64url');
  return `${VERSION}.${payload}.${sign(payload, scope, key)}`;
}

/** The ExclusiveStartKey a token stands for; any token this twin did not sign is a RequestError. */
export function decodeNextToken(token: string, scope: TokenScope, key: Buffer): Record<string, AttributeValue> {
  const [version, payload, signature, ...rest] = token.split('.');
  if (version !== VERSION || !payload || !signature || rest.length > 0) throw invalidToken();
  const expected = Buffer.from(sign(payload, scope, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidToken();
  // Signed by us, so it should parse; still, no failure below may surface as anything but
  // this one error (a SyntaxError would reach the client as DynamoDB:SyntaxError).
  try {
    return readStartKey(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw invalidToken();
  }
}

function readStartKey(parsed: unknown): Record<string, AttributeValue> {
  if (!isRecord(parsed)) throw invalidToken();
  const startKey = toAttributeMap(parsed.k, 'nextToken');
  const values = Object.values(startKey);
  const keyTyped = values.every((value) => value.S !== undefined || value.N !== undefined || value.B !== undefined);
  if (values.length === 0 || values.length > MAX_KEY_ATTRIBUTES || !keyTyped) throw invalidToken();
  return startKey;
}

function invalidToken(): RequestError {
  return new RequestError(INVALID_NEXT_TOKEN_MESSAGE);
}

function sign(payload: string, scope: TokenScope, key: Buffer): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([scope.operation, scope.table, scope.index ?? null, payload]))
    .digest('base64url');
}
