import { decodeNextToken, encodeNextToken, type TokenScope } from '../../../local/datasources/next-token';
import { RequestError } from '../../../local/datasources/request-error';

const scope: TokenScope = { operation: 'Query', table: 'Chat' };
const lastKey = { PK: { S: 'ROOM#1' }, SK: { S: 'MSG#01' }, n: { N: '5' } };

describe('pagination tokens', () => {
  it('round-trips a LastEvaluatedKey and hides it', () => {
    const token = encodeNextToken(lastKey, scope);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('ROOM');
    expect(decodeNextToken(token as string, scope)).toEqual(lastKey);
  });

  it('gives null when there is nothing more to read', () => {
    expect(encodeNextToken(undefined, scope)).toBeNull();
    expect(encodeNextToken({}, scope)).toBeNull();
  });

  const token = encodeNextToken(lastKey, scope) as string;
  const [, payload, signature] = token.split('.');
  const forgedPayload = Buffer.from(JSON.stringify({ k: { PK: { S: 'ROOM#2' }, SK: { S: 'MSG#01' } } })).toString('base64url');

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
  ])('refuses a token used with %s or altered as such', (_name, given, usedWith) => {
    expect(() => decodeNextToken(given, usedWith)).toThrow(RequestError);
    expect(() => decodeNextToken(given, usedWith)).toThrow(/^Invalid nextToken/);
  });
});
