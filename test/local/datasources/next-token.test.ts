import { createHmac, randomBytes } from 'node:crypto';
import { decodeNextToken, encodeNextToken, INVALID_NEXT_TOKEN_MESSAGE, type TokenScope } from '../../../local/datasources/next-token';
import { RequestError } from '../../../local/datasources/request-error';

const scope: TokenScope = { operation: 'Query', table: 'Chat' };
const lastKey = { PK: { S: 'ROOM#1' }, SK: { S: 'MSG#01' }, n: { N: '5' } };
const key = randomBytes(32);

/** A token built by hand with a chosen key and payload text, as a forger who had the key would. */
function signedToken(payloadText: string, signingKey: Buffer | string, usedScope: TokenScope = scope): string {
  const payload = Buffer.from(payloadText).toString('base64url');
  const signature = createHmac('sha256', signingKey)
    .update(JSON.stringify([usedScope.operation, usedScope.table, usedScope.index ?? null, payload]))
    .digest('base64url');
  return `v1.${payload}.${signature}`;
}

describe('pagination tokens', () => {
  it('round-trips a LastEvaluatedKey and hides it', () => {
    const token = encodeNextToken(lastKey, scope, key);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('ROOM');
    expect(decodeNextToken(token as string, scope, key)).toEqual(lastKey);
  });

  it('gives null when there is nothing more to read', () => {
    expect(encodeNextToken(undefined, scope, key)).toBeNull();
    expect(encodeNextToken({}, scope, key)).toBeNull();
  });

  const token = encodeNextToken(lastKey, scope, key) as string;
  const [, payload, signature] = token.split('.');
  const forgedPayload = Buffer.from(JSON.stringify({ k: { PK: { S: 'ROOM#2' }, SK: { S: 'MSG#01' } } })).toString('base64url');
  const goodPayloadText = JSON.stringify({ k: { PK: { S: 'ROOM#1' }, SK: { S: 'MSG#01' } } });

  it.each<[string, string, TokenScope]>([
    ['another table', token, { operation: 'Query', table: 'Other' }],
    ['another index', token, { operation: 'Query', table: 'Chat', index: 'GSI1' }],
    ['a Scan', token, { operation: 'Scan', table: 'Chat' }],
    ['a forged payload with the old signature', `v1.${forgedPayload}.${signature}`, scope],
    ['another version', `v2.${payload}.${signature}`, scope],
    ['an extra part', `${token}.x`, scope],
    ['a missing signature', `v1.${payload}`, scope],
    ['plain base64 JSON', Buffer.from(JSON.stringify(lastKey)).toString('base64'), scope],
    ['an empty string', '', scope],
    ['a signature by the constant key of earlier versions', signedToken(goodPayloadText, 'appsync-chat local twin pagination token'), scope],
    ['a signature by another random key', signedToken(goodPayloadText, randomBytes(32)), scope],
    // Signed with the right key (a leaked key, or a bug): the payload is still checked.
    ['a signed payload that is not JSON', signedToken('{"k":', key), scope],
    ['a signed payload that is JSON null', signedToken('null', key), scope],
    ['a signed payload without k', signedToken('{}', key), scope],
    ['a signed empty key', signedToken('{"k":{}}', key), scope],
    ['a signed key with a BOOL attribute', signedToken('{"k":{"PK":{"BOOL":true}}}', key), scope],
    ['a signed key with a malformed number', signedToken('{"k":{"PK":{"N":"twelve"}}}', key), scope],
    ['a signed key with five attributes', signedToken(JSON.stringify({ k: Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [n, { S: n }])) }), key), scope],
  ])('refuses a token used with %s or altered as such', (_name, given, usedWith) => {
    expect(() => decodeNextToken(given, usedWith, key)).toThrow(RequestError);
    expect(() => decodeNextToken(given, usedWith, key)).toThrow(INVALID_NEXT_TOKEN_MESSAGE);
  });

  it('accepts a hand-signed token with a well-formed key (the forger needs the key)', () => {
    expect(decodeNextToken(signedToken(goodPayloadText, key), scope, key)).toEqual({ PK: { S: 'ROOM#1' }, SK: { S: 'MSG#01' } });
  });
});
