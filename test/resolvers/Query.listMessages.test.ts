import { bundleResolver } from '../../resolvers/bundle';
import { BAD_ULIDS, ROOM_ID, alice, cognitoIdentity, context, evaluate, iamIdentity } from './helpers';

const code = bundleResolver('Query', 'listMessages');

function listContext(args: Record<string, unknown>, identity = cognitoIdentity(alice)) {
  return context({ typeName: 'Query', fieldName: 'listMessages', args, identity });
}

describe('Query.listMessages before handler', () => {
  it.each([
    ['no limit: 50', {}, 50],
    ['limit null: 50', { limit: null }, 50],
    ['limit 1', { limit: 1 }, 1],
    ['limit 100', { limit: 100 }, 100],
    ['limit 20 with a nextToken', { limit: 20, nextToken: 'eyJ0b2tlbiI6ImFiYyJ9' }, 20],
  ])('stashes the page size: %s', async (_case, args, limit) => {
    const out = await evaluate(code, 'request', listContext({ roomId: ROOM_ID, ...args }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
    expect(out.stash).toEqual({ limit });
  });

  it('accepts an operator (IAM)', async () => {
    const out = await evaluate(code, 'request', listContext({ roomId: ROOM_ID }, iamIdentity));
    expect(out.stash).toEqual({ limit: 50 });
  });

  const badInputs: Array<[string, Record<string, unknown>, string]> = [
    ...BAD_ULIDS.map(([why, roomId]): [string, Record<string, unknown>, string] => [
      `roomId: ${why}`,
      { roomId },
      'roomId must be a ULID (26 characters of Crockford base32)',
    ]),
    ['limit 0', { roomId: ROOM_ID, limit: 0 }, 'limit must be between 1 and 100'],
    ['limit -1', { roomId: ROOM_ID, limit: -1 }, 'limit must be between 1 and 100'],
    ['limit 101', { roomId: ROOM_ID, limit: 101 }, 'limit must be between 1 and 100'],
    ['limit 1000000', { roomId: ROOM_ID, limit: 1000000 }, 'limit must be between 1 and 100'],
  ];

  it.each(badInputs)('rejects %s with ValidationError and reads nothing', async (_case, args, message) => {
    const out = await evaluate(code, 'request', listContext(args));
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe('ValidationError');
    expect(out.result).toBeUndefined();
    expect(out.stash).toEqual({});
  });
});

describe('Query.listMessages after handler', () => {
  it('returns the page of the last step', async () => {
    const page = { items: [], nextToken: null };
    const ctx = context({ typeName: 'Query', fieldName: 'listMessages', args: { roomId: ROOM_ID }, identity: cognitoIdentity(alice), prev: { result: page } });
    const out = await evaluate(code, 'response', ctx);
    expect(out.result).toEqual(page);
  });
});
