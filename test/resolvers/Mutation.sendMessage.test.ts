import { bundleResolver } from '../../resolvers/bundle';
import { BAD_CONTENTS, BAD_ULIDS, ISO_8601_UTC, ROOM_ID, ULID, alice, cognitoIdentity, context, evaluate, type User } from './helpers';

const code = bundleResolver('Mutation', 'sendMessage');

function sendContext(args: Record<string, unknown>, user: User = alice) {
  return context({ typeName: 'Mutation', fieldName: 'sendMessage', args, identity: cognitoIdentity(user) });
}

const goodArgs = { roomId: ROOM_ID, content: 'hello', clientMessageId: 'c-1' };

describe('Mutation.sendMessage before handler', () => {
  it('makes the message from the token and the server clock, never from arguments', async () => {
    const started = Date.now();
    const out = await evaluate(code, 'request', sendContext({ ...goodArgs, senderId: 'forged', sender: 'mallory', createdAt: '2000-01-01T00:00:00.000Z' }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
    const stash = out.stash as { message: Record<string, unknown>; clientMessageId: string };
    expect(stash.clientMessageId).toBe('c-1');
    expect(stash.message).toEqual({
      roomId: ROOM_ID,
      id: expect.stringMatching(ULID),
      senderId: alice.sub,
      sender: 'alice',
      content: 'hello',
      createdAt: expect.stringMatching(ISO_8601_UTC),
      editedAt: null,
      deleted: false,
      reactions: [],
    });
    const createdAt = Date.parse(stash.message.createdAt as string);
    expect(createdAt).toBeGreaterThanOrEqual(started - 1000);
    expect(createdAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('gives every message a new id', async () => {
    const first = await evaluate(code, 'request', sendContext(goodArgs));
    const second = await evaluate(code, 'request', sendContext(goodArgs));
    const idOf = (stash: unknown) => (stash as { message: { id: string } }).message.id;
    expect(idOf(first.stash)).not.toBe(idOf(second.stash));
  });

  it.each([
    ['content of exactly 2,000 characters', { content: 'x'.repeat(2000) }],
    ['content with spaces around it', { content: '  hi  ' }],
    ['a 64-character clientMessageId', { clientMessageId: 'A'.repeat(32) + 'z_-9'.repeat(8) }],
    ['a one-character clientMessageId', { clientMessageId: 'q' }],
  ])('accepts %s', async (_case, changes) => {
    const out = await evaluate(code, 'request', sendContext({ ...goodArgs, ...changes }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
  });

  const badInputs: Array<[string, Record<string, unknown>, string]> = [
    ...BAD_ULIDS.map(([why, roomId]): [string, Record<string, unknown>, string] => [
      `roomId: ${why}`,
      { roomId },
      'roomId must be a ULID (26 characters of Crockford base32)',
    ]),
    ...BAD_CONTENTS.map(([why, content, message]): [string, Record<string, unknown>, string] => [`content: ${why}`, { content }, message]),
    ...[
      ['empty', ''],
      ['65 characters', 'c'.repeat(65)],
      ['a space', 'c 1'],
      ['a hash (would reach into the key)', 'c#1'],
      ['non-ASCII', 'cé1'],
      ['a dot', 'c.1'],
    ].map(([why, clientMessageId]): [string, Record<string, unknown>, string] => [
      `clientMessageId: ${why}`,
      { clientMessageId },
      'clientMessageId must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -',
    ]),
  ];

  it.each(badInputs)('rejects %s with ValidationError and stashes nothing', async (_case, changes, message) => {
    const out = await evaluate(code, 'request', sendContext({ ...goodArgs, ...changes }));
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe('ValidationError');
    expect(out.result).toBeUndefined();
    // The pipeline stops here: no function runs, so nothing is read or written.
    expect(out.stash).toEqual({});
  });
});

describe('Mutation.sendMessage after handler', () => {
  it('returns the message of the last pipeline step', async () => {
    const stored = { roomId: ROOM_ID, id: '01HZY3MB2C4D6E8F0G1H2J3K4M', content: 'hello' };
    const ctx = context({ typeName: 'Mutation', fieldName: 'sendMessage', args: goodArgs, identity: cognitoIdentity(alice), prev: { result: stored } });
    const out = await evaluate(code, 'response', ctx);
    expect(out.result).toEqual(stored);
  });
});
