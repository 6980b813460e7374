/**
 * functions/throttleTyping (setTyping's per-user rate record), functions/putPresence (heartbeat)
 * and functions/queryPresence (who is here, expiry filtered on read).
 */
import { bundleFunction } from '../../resolvers/bundle';
import { ROOM_ID, bob, cognitoIdentity, conditionalCheckFailed, context, evaluate, throttled } from './helpers';

const NOW_MS = 1795107600123;
const NOW_ISO = '2026-11-17T17:00:00.123Z';
const NOW_S = 1795107600;

function stampedContext(fieldName: string, extra: { result?: unknown; error?: { message: string; type: string } } = {}) {
  return context({ typeName: 'Mutation', fieldName, args: { roomId: ROOM_ID }, identity: cognitoIdentity(bob), stash: { nowMs: NOW_MS, now: NOW_ISO }, ...extra });
}

describe('functions/throttleTyping', () => {
  const code = bundleFunction('throttleTyping');

  it('writes the rate record (TTL 60 s) unless one was written in the last 2 s', async () => {
    const out = await evaluate(code, 'request', stampedContext('setTyping'));
    expect(out.result).toEqual({
      operation: 'PutItem',
      key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `TYPING#${bob.sub}` } },
      attributeValues: { roomId: { S: ROOM_ID }, userId: { S: bob.sub }, typedAtMs: { N: NOW_MS }, expiresAt: { N: NOW_S + 60 } },
      condition: {
        expression: 'attribute_not_exists(#pk) OR #typedAtMs <= :cutoff',
        expressionNames: { '#pk': 'PK', '#typedAtMs': 'typedAtMs' },
        expressionValues: { ':cutoff': { N: NOW_MS - 2000 } },
      },
    });
  });

  it('returns the typing event from the token and the server clock', async () => {
    const out = await evaluate(code, 'response', stampedContext('setTyping', { result: {} }));
    expect(out.result).toEqual({ roomId: ROOM_ID, userId: bob.sub, username: 'bob', at: NOW_ISO });
  });

  it.each([
    ['a second signal within 2 s', conditionalCheckFailed, 'setTyping at most once every 2000 ms per room', 'LimitExceeded'],
    ['throttling', throttled, throttled.message, throttled.type],
  ])('refuses %s, publishing nothing (the field fails)', async (_case, error, message, errorType) => {
    const out = await evaluate(code, 'response', stampedContext('setTyping', { error, result: null }));
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe(errorType);
    expect(out.result).toBeUndefined();
  });
});

describe('functions/putPresence', () => {
  const code = bundleFunction('putPresence');
  const presence = { roomId: ROOM_ID, userId: bob.sub, username: 'bob', lastSeenAt: NOW_ISO, expiresAt: NOW_S + 60 };

  it('writes the presence item, expiring in 60 s (the TTL attribute), unless one was written in the last 5 s', async () => {
    const out = await evaluate(code, 'request', stampedContext('heartbeat'));
    expect(out.result).toEqual({
      operation: 'PutItem',
      key: { PK: { S: `ROOM#${ROOM_ID}` }, SK: { S: `PRESENCE#${bob.sub}` } },
      attributeValues: {
        roomId: { S: ROOM_ID },
        userId: { S: bob.sub },
        username: { S: 'bob' },
        lastSeenAt: { S: NOW_ISO },
        lastSeenMs: { N: NOW_MS },
        expiresAt: { N: NOW_S + 60 },
      },
      condition: {
        expression: 'attribute_not_exists(#pk) OR #lastSeenMs <= :cutoff',
        expressionNames: { '#pk': 'PK', '#lastSeenMs': 'lastSeenMs' },
        expressionValues: { ':cutoff': { N: NOW_MS - 5000 } },
      },
    });
  });

  it('returns the Presence', async () => {
    const out = await evaluate(code, 'response', stampedContext('heartbeat', { result: {} }));
    expect(out.result).toEqual(presence);
  });

  it.each([
    ['a heartbeat within 5 s of the last', conditionalCheckFailed, 'heartbeat at most once every 5000 ms per room', 'LimitExceeded'],
    ['throttling', throttled, throttled.message, throttled.type],
  ])('refuses %s', async (_case, error, message, errorType) => {
    const out = await evaluate(code, 'response', stampedContext('heartbeat', { error, result: null }));
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe(errorType);
  });
});

describe('functions/queryPresence', () => {
  const code = bundleFunction('queryPresence');
  const ctx = (extra: { result?: unknown; error?: { message: string; type: string } } = {}) =>
    context({ typeName: 'Query', fieldName: 'presence', args: { roomId: ROOM_ID }, identity: cognitoIdentity(bob), ...extra });

  it('reads the room’s presence items whose expiresAt is still ahead (DynamoDB Local never deletes expired ones)', async () => {
    const before = Math.floor(Date.now() / 1000);
    const out = await evaluate(code, 'request', ctx());
    const request = out.result as { filter: { expressionValues: { ':now': { N: number } } } };
    expect(request).toEqual({
      operation: 'Query',
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :sk)',
        expressionNames: { '#pk': 'PK', '#sk': 'SK' },
        expressionValues: { ':pk': { S: `ROOM#${ROOM_ID}` }, ':sk': { S: 'PRESENCE#' } },
      },
      filter: { expression: '#expiresAt > :now', expressionNames: { '#expiresAt': 'expiresAt' }, expressionValues: { ':now': { N: expect.any(Number) } } },
    });
    expect(request.filter.expressionValues[':now'].N).toBeGreaterThanOrEqual(before);
    expect(request.filter.expressionValues[':now'].N).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('turns the items into Presences', async () => {
    const item = { PK: `ROOM#${ROOM_ID}`, SK: `PRESENCE#${bob.sub}`, roomId: ROOM_ID, userId: bob.sub, username: 'bob', lastSeenAt: NOW_ISO, lastSeenMs: NOW_MS, expiresAt: NOW_S + 60 };
    const out = await evaluate(code, 'response', ctx({ result: { items: [item], nextToken: null, scannedCount: 1 } }));
    expect(out.result).toEqual([{ roomId: ROOM_ID, userId: bob.sub, username: 'bob', lastSeenAt: NOW_ISO, expiresAt: NOW_S + 60 }]);
  });

  it('passes on a DynamoDB error with its type', async () => {
    const out = await evaluate(code, 'response', ctx({ error: throttled, result: null }));
    expect(out.errorType).toBe(throttled.type);
  });
});
