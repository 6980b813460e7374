import { bundleResolver } from '../../resolvers/bundle';
import { BAD_ULIDS, ISO_8601_UTC, MESSAGE_ID, ROOM_ID, alice, bob, carolAdmin, cognitoIdentity, context, dave, evaluate, iamIdentity, message } from './helpers';

const code = bundleResolver('Mutation', 'deleteMessage');
const goodArgs = { roomId: ROOM_ID, messageId: MESSAGE_ID };

function deleteContext(args: Record<string, unknown>, identity: Record<string, unknown>) {
  return context({ typeName: 'Mutation', fieldName: 'deleteMessage', args, identity });
}

describe('Mutation.deleteMessage before handler', () => {
  it.each([
    ['a member: own messages only', cognitoIdentity(bob), false],
    ['a user in no group: own messages only', cognitoIdentity(dave), false],
    ['an admin: any message', cognitoIdentity(carolAdmin), true],
    ['an admin who is also in Members: any message', cognitoIdentity({ ...alice, groups: ['Members', 'Admins'] }), true],
    ['an operator (IAM): any message', iamIdentity, true],
  ])('decides who may delete what from the token: %s', async (_who, identity, canDeleteAny) => {
    const out = await evaluate(code, 'request', deleteContext(goodArgs, identity));
    expect(out.errorMessage).toBeUndefined();
    expect(out.stash).toEqual({ canDeleteAny, now: expect.stringMatching(ISO_8601_UTC) });
  });

  const ulidMessage = (name: string) => `${name} must be a ULID (26 characters of Crockford base32)`;
  const badInputs: Array<[string, Record<string, unknown>, string]> = [
    ...BAD_ULIDS.map(([why, roomId]): [string, Record<string, unknown>, string] => [`roomId: ${why}`, { ...goodArgs, roomId }, ulidMessage('roomId')]),
    ...BAD_ULIDS.map(([why, messageId]): [string, Record<string, unknown>, string] => [`messageId: ${why}`, { ...goodArgs, messageId }, ulidMessage('messageId')]),
  ];

  it.each(badInputs)('rejects %s with ValidationError and changes nothing', async (_case, args, errorMessage) => {
    const out = await evaluate(code, 'request', deleteContext(args, cognitoIdentity(alice)));
    expect(out.errorMessage).toBe(errorMessage);
    expect(out.errorType).toBe('ValidationError');
    expect(out.stash).toEqual({});
  });
});

describe('Mutation.deleteMessage after handler', () => {
  it('returns the deleted message', async () => {
    const deleted = message(alice, { content: '', deleted: true, editedAt: '2026-11-22T17:00:00.000Z' });
    const ctx = context({ typeName: 'Mutation', fieldName: 'deleteMessage', args: goodArgs, identity: cognitoIdentity(alice), prev: { result: deleted } });
    const out = await evaluate(code, 'response', ctx);
    expect(out.result).toEqual(deleted);
  });
});
