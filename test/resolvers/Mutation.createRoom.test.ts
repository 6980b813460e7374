import { bundleResolver } from '../../resolvers/bundle';
import { ISO_8601_UTC, ULID, carolAdmin, alice, cognitoIdentity, context, evaluate, type User } from './helpers';

const code = bundleResolver('Mutation', 'createRoom');

function createContext(args: Record<string, unknown>, user: User = alice) {
  return context({ typeName: 'Mutation', fieldName: 'createRoom', args, identity: cognitoIdentity(user) });
}

describe('Mutation.createRoom before handler', () => {
  it.each([
    ['a member', alice, 'General'],
    ['an admin', carolAdmin, 'Announcements'],
    ['a name of exactly 100 characters', alice, 'n'.repeat(100)],
    ['a one-character name', alice, 'x'],
    ['a name with spaces around it', alice, '  Lobby  '],
  ])('makes the room with a new ULID, the caller as creator and the server time: %s', async (_case, user, name) => {
    const started = Date.now();
    const out = await evaluate(code, 'request', createContext({ name, createdBy: 'forged', id: 'forged' }, user));
    expect(out.errorMessage).toBeUndefined();
    expect(out.result).toEqual({});
    const stash = out.stash as { newRoom: { createdAt: string } };
    expect(stash).toEqual({
      newRoom: { id: expect.stringMatching(ULID), name, createdBy: user.sub, createdAt: expect.stringMatching(ISO_8601_UTC), visibility: 'PUBLIC' },
    });
    expect(Date.parse(stash.newRoom.createdAt)).toBeGreaterThanOrEqual(started - 1000);
  });

  it.each([
    ['PUBLIC when the client sends no visibility (older clients)', {}, 'PUBLIC'],
    ['PUBLIC when asked', { visibility: 'PUBLIC' }, 'PUBLIC'],
    ['PRIVATE when asked', { visibility: 'PRIVATE' }, 'PRIVATE'],
  ])('makes the room %s', async (_case, extra, visibility) => {
    const out = await evaluate(code, 'request', createContext({ name: 'General', ...extra }));
    expect(out.errorMessage).toBeUndefined();
    expect(out.stash).toEqual({ newRoom: expect.objectContaining({ name: 'General', visibility }) });
  });

  it.each([
    ['empty', '', 'name must not be empty'],
    ['spaces only', '    ', 'name must not be empty'],
    ['whitespace only', '\t\n', 'name must not be empty'],
    ['101 characters', 'n'.repeat(101), 'name must be at most 100 characters'],
  ])('rejects a name that is %s with ValidationError and writes nothing', async (_case, name, message) => {
    const out = await evaluate(code, 'request', createContext({ name }));
    expect(out.errorMessage).toBe(message);
    expect(out.errorType).toBe('ValidationError');
    expect(out.result).toBeUndefined();
    expect(out.stash).toEqual({});
  });

  it('returns the room of the last step', async () => {
    const newRoom = { id: '01HZY3M9Q6B8J4K2N7P5R3T1VW', name: 'General', createdBy: alice.sub, createdAt: '2026-11-22T17:00:00.000Z' };
    const ctx = context({ typeName: 'Mutation', fieldName: 'createRoom', args: { name: 'General' }, identity: cognitoIdentity(alice), prev: { result: newRoom } });
    const out = await evaluate(code, 'response', ctx);
    expect(out.result).toEqual(newRoom);
  });
});
