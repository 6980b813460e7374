import { bundleResolver } from '../../resolvers/bundle';
import { BAD_CONTENTS, BAD_ULIDS, ISO_8601_UTC, MESSAGE_ID, ROOM_ID, alice, cognitoIdentity, context, evaluate, message } from './helpers';

const code = bundleResolver('Mutation', 'editMessage');
const goodArgs = { roomId: ROOM_ID, messageId: MESSAGE_ID, content: 'hello, edited' };

function editContext(args: Record<string, unknown>) {
  return context({ typeName: 'Mutation', fieldName: 'editMessage', args, identity: cognitoIdentity(alice) });
}

describe('Mutation.editMessage before handler', () => {
  it('stashes the server time of the edit', async () => {
    const out = await evaluate(code, 'request', editContext(goodArgs));
    expect(out.errorMessage).toBeUndefined();
    expect(out.stash).toEqual({ now: expect.stringMatching(ISO_8601_UTC) });
  });

  const ulidMessage = (name: string) => `${name} must be a ULID (26 characters of Crockford base32)`;
  const badInputs: Array<[string, Record<string, unknown>, string]> = [
    ...BAD_ULIDS.map(([why, roomId]): [string, Record<string, unknown>, string] => [`roomId: ${why}`, { ...goodArgs, roomId }, ulidMessage('roomId')]),
    ...BAD_ULIDS.map(([why, messageId]): [string, Record<string, unknown>, string] => [`messageId: ${why}`, { ...goodArgs, messageId }, ulidMessage('messageId')]),
    ...BAD_CONTENTS.map(([why, content, text]): [string, Record<string, unknown>, string] => [`content: ${why}`, { ...goodArgs, content }, text]),
  ];

  it.each(badInputs)('rejects %s with ValidationError and changes nothing', async (_case, args, errorMessage) => {
    const out = await evaluate(code, 'request', editContext(args));
    expect(out.errorMessage).toBe(errorMessage);
    expect(out.errorType).toBe('ValidationError');
    expect(out.result).toBeUndefined();
    expect(out.stash).toEqual({});
  });
});

describe('Mutation.editMessage after handler', () => {
  it('returns the edited message', async () => {
    const edited = message(alice, { content: 'hello, edited', editedAt: '2026-11-22T17:00:00.000Z' });
    const ctx = context({ typeName: 'Mutation', fieldName: 'editMessage', args: goodArgs, identity: cognitoIdentity(alice), prev: { result: edited } });
    const out = await evaluate(code, 'response', ctx);
    expect(out.result).toEqual(edited);
  });
});
